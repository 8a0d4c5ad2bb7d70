using AssistantBot.Conversations;
using AssistantBot.Dialogs.Loading;
using AssistantBot.Dialogs.Model;

namespace AssistantBot.Dialogs.Handoff;

/// <summary>
/// The seam where a visitor's request for a Patient Advocate (the command, or "talk to a person", "can someone call
/// me") is handed over. The hand-off feature (issue 5) replaces the interim implementation with its intake.
/// </summary>
public interface IPatientAdvocateHandoff
{
    Task StartAsync(AssistantTurn turn, CancellationToken cancellationToken);
}

/// <summary>
/// Until the intake exists, says honestly that a request cannot be taken in this chat yet, and how to reach people
/// (the reply of the <c>patient-advocate</c> command in <c>dialogs/commands.yaml</c>).
/// </summary>
public sealed class InterimPatientAdvocateHandoff(IDialogCatalog catalog) : IPatientAdvocateHandoff
{
    public Task StartAsync(AssistantTurn turn, CancellationToken cancellationToken)
    {
        var command = catalog.Current.Commands[CommandKind.PatientAdvocate];
        turn.Reply(command.Reply, command.Suggestions);
        return Task.CompletedTask;
    }
}
