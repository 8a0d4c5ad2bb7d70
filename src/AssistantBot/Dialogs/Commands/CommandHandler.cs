using AssistantBot.Conversations;
using AssistantBot.Dialogs.Flows;
using AssistantBot.Dialogs.Handoff;
using AssistantBot.Dialogs.Loading;
using AssistantBot.Dialogs.Model;

namespace AssistantBot.Dialogs.Commands;

/// <summary>Carries out a global command, whatever state the conversation is in.</summary>
public sealed class CommandHandler(FlowEngine flows, IPatientAdvocateHandoff advocate)
{
    public async Task ExecuteAsync(AssistantTurn turn, DialogSet set, GlobalCommand command, CancellationToken cancellationToken)
    {
        var progress = turn.Conversation.Flow;
        var flow = progress is null ? null : set.FindFlow(progress.FlowId);
        switch (command.Kind)
        {
            case CommandKind.Help:
                turn.Reply(command.Reply, command.Suggestions);
                break;
            case CommandKind.StartOver:
                turn.Conversation.Flow = null;
                turn.Reply(command.Reply);
                turn.Reply(set.Welcome.Text, set.Welcome.Suggestions);
                break;
            case CommandKind.Cancel when flow is not null:
                turn.Conversation.Flow = null;
                turn.Reply(WithFlowName(command.Reply, flow), command.Suggestions);
                break;
            case CommandKind.Resume when flow?.FindStep(progress!.StepId) is { } step:
                progress!.Paused = false;
                flows.Ask(turn, step);
                break;
            case CommandKind.Cancel or CommandKind.Resume:
                turn.Reply(command.ReplyWhenNothingToDo!, command.Suggestions);
                break;
            case CommandKind.PatientAdvocate:
                // The flow waits: after the hand-off the visitor can carry on where they were.
                if (progress is not null)
                {
                    progress.Paused = true;
                }

                await advocate.StartAsync(turn, cancellationToken);
                break;
        }
    }

    /// <summary>Offers to carry on with a flow that a question interrupted.</summary>
    public static void OfferToResume(AssistantTurn turn, DialogSet set, FlowDialog flow)
    {
        var resume = set.Commands[CommandKind.Resume];
        turn.Reply(WithFlowName(resume.Reply, flow), resume.Suggestions);
    }

    private static string WithFlowName(string template, FlowDialog flow) =>
        DialogFieldExtensions.Fill(template, name => name == "flow" ? flow.Name : null);
}
