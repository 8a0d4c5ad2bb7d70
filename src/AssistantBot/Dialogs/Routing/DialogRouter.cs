using AssistantBot.Assistant;
using AssistantBot.Conversations;
using AssistantBot.Dialogs.Commands;
using AssistantBot.Dialogs.Faqs;
using AssistantBot.Dialogs.Flows;
using AssistantBot.Dialogs.Handoff;
using AssistantBot.Dialogs.Loading;
using AssistantBot.Dialogs.Model;
using AssistantBot.Dialogs.Safety;
using AssistantBot.Dialogs.State;
using AssistantBot.Knowledge.Answering;
using Microsoft.Extensions.Options;

namespace AssistantBot.Dialogs.Routing;

/// <summary>
/// The assistant's turn, in a fixed order: red flags → an active hand-off → (an answer card's feedback; a long pause
/// starts over) → global commands → the active flow's step → a FAQ or flow that really matches → retrieval, which
/// answers from the corpus or declines honestly with the Patient Advocate offer.
/// A question asked in the middle of a flow is answered, and the flow offers to carry on.
/// </summary>
public sealed class DialogRouter(
    IDialogCatalog catalog,
    RedFlagDetector redFlags,
    CommandRecognizer commands,
    CommandHandler commandHandler,
    FlowEngine flows,
    FaqMatcher faqs,
    IActiveHandoff activeHandoff,
    KnowledgeResponder knowledge,
    UserStateStore users,
    IRouteObserver observer,
    IOptions<DialogOptions> options) : IAssistant
{
    public async Task GreetAsync(AssistantTurn turn, CancellationToken cancellationToken)
    {
        var welcome = catalog.Current.Welcome;
        var conversationId = turn.Activity.Conversation?.Id;
        var returning = await users.UpdateAsync(turn.Activity, user =>
        {
            var isReturn = user.LastConversationId is not null && user.LastConversationId != conversationId;
            user.FirstSeenAt ??= turn.Now;
            user.LastSeenAt = turn.Now;
            user.LastConversationId = conversationId;
            return isReturn;
        }, cancellationToken);

        turn.Reply(returning && welcome.ReturningText is { } text ? text : welcome.Text, welcome.Suggestions);
        observer.Routed(turn, returning ? "welcome/returning" : "welcome");
    }

    public async Task OnMessageAsync(AssistantTurn turn, CancellationToken cancellationToken)
    {
        var set = catalog.Current; // one set for the whole turn, even if a reload lands meanwhile
        var text = turn.Text;

        // A flow left long ago must not capture this message as an answer, even in an emergency.
        var idle = turn.Conversation.LastActiveAt is { } last && turn.Now - last >= options.Value.IdleTimeout;
        if (idle)
        {
            turn.Conversation.Flow = null;
        }

        var safety = redFlags.Assess(set, text);
        if (safety.Level == SafetyLevel.Emergency)
        {
            turn.EmergencyReplied = true;
            SafetyReplies.Emergency(turn, set.Safety);
            observer.Routed(turn, "safety/emergency/" + string.Join('+', safety.Flags.Select(f => f.Id)));
        }

        if (await activeHandoff.TryHandleAsync(turn, cancellationToken))
        {
            observer.Routed(turn, "handoff");
            return;
        }

        if (safety.Level == SafetyLevel.Emergency)
        {
            if (safety.IsQuestion && safety.Question.Length > 0)
            {
                await AnswerAsync(turn, set, safety.Question, allowFlows: false, cancellationToken);
                OfferAdvocateLast(turn, set);
            }

            return;
        }

        if (await knowledge.TryHandleFeedbackAsync(turn, cancellationToken))
        {
            observer.Routed(turn, "retrieval/feedback");
            return;
        }

        if (idle)
        {
            turn.Reply(set.Welcome.AfterIdleText, set.Welcome.Suggestions);
            observer.Routed(turn, "idle/start-over");
        }

        if (safety.Level == SafetyLevel.Mention)
        {
            SafetyReplies.MentionNote(turn, set.Safety);
            observer.Routed(turn, "safety/mention/" + string.Join('+', safety.Flags.Select(f => f.Id)));
        }

        if (commands.Recognize(set, text, turn.Conversation.Flow is not null) is { } command)
        {
            await commandHandler.ExecuteAsync(turn, set, command, cancellationToken);
            observer.Routed(turn, "command/" + CommandsReader.Name(command.Kind));
            return;
        }

        if (turn.Conversation.Flow is { } progress && await ContinueFlowAsync(turn, set, progress, text, safety.IsQuestion, cancellationToken))
        {
            return;
        }

        await AnswerAsync(turn, set, text, allowFlows: true, cancellationToken);
    }

    /// <summary>Returns false when the flow no longer exists (a reload removed it), so the message is routed as usual.</summary>
    private async Task<bool> ContinueFlowAsync(AssistantTurn turn, DialogSet set, FlowProgress progress, string text, bool isQuestion, CancellationToken cancellationToken)
    {
        var flow = set.FindFlow(progress.FlowId);
        if (flow?.FindStep(progress.StepId) is not { } step)
        {
            turn.Conversation.Flow = null;
            observer.Routed(turn, $"flow/{progress.FlowId}/gone");
            return false;
        }

        var route = $"flow/{flow.Id}/";
        if (progress.Paused && commands.IsDecline(set, text))
        {
            await commandHandler.ExecuteAsync(turn, set, set.Commands[CommandKind.Cancel], cancellationToken);
            observer.Routed(turn, route + "declined");
            return true;
        }

        if (flows.TryAnswer(turn, flow, progress, step, text) is { } advance)
        {
            observer.Routed(turn, route + advance.Route);
            return true;
        }

        var match = ConfidentMatch(set, text);
        if (match is null && !isQuestion)
        {
            flows.AskAgain(turn, step);
            observer.Routed(turn, route + "retry/" + step.Id);
            return true;
        }

        if (match?.Flow == flow)
        {
            // Asked for the flow it is already in: carry on.
            progress.Paused = false;
            flows.Ask(turn, step);
            observer.Routed(turn, route + "ask/" + step.Id);
            return true;
        }

        await AnswerAsync(turn, set, text, allowFlows: true, cancellationToken);
        if (turn.Conversation.Flow == progress)
        {
            progress.Paused = true;
            CommandHandler.OfferToResume(turn, set, flow);
            observer.Routed(turn, route + "resume-offer");
        }

        return true;
    }

    /// <summary>
    /// A scripted answer when one really matches, else retrieval (which declines honestly when its sources do not cover
    /// it). A follow-up of the last answer ("How is it treated?") goes to retrieval first: only it reads the question
    /// with the conversation's topic, and a FAQ matched on the bare words would answer something else.
    /// </summary>
    private async Task AnswerAsync(AssistantTurn turn, DialogSet set, string text, bool allowFlows, CancellationToken cancellationToken)
    {
        if (knowledge.IsFollowUp(turn, text))
        {
            var followed = await knowledge.RespondAsync(turn, text, cancellationToken);
            observer.Routed(turn, followed ? "retrieval" : "retrieval/declined");
            return;
        }

        var match = ConfidentMatch(set, text);
        if (match?.Faq is { } faq)
        {
            FaqReplies.Answer(turn, faq);
            knowledge.RememberTopic(turn, text);
            observer.Routed(turn, "faq/" + faq.Id);
        }
        else if (match?.Flow is { } flow && allowFlows)
        {
            flows.Start(turn, flow);
            observer.Routed(turn, $"flow/{flow.Id}/ask/{flow.FirstStep.Id}");
        }
        else
        {
            var answered = await knowledge.RespondAsync(turn, text, cancellationToken);
            observer.Routed(turn, answered ? "retrieval" : "retrieval/declined");
        }
    }

    private DialogMatch? ConfidentMatch(DialogSet set, string text) =>
        faqs.BestMatch(set, text) is { } match && match.Confidence >= options.Value.FaqMinimumConfidence ? match : null;

    /// <summary>
    /// After an emergency, the Patient Advocate stays on offer: channels show only the last message's suggested
    /// actions, so the answer that followed the guidance must carry it too.
    /// </summary>
    private static void OfferAdvocateLast(AssistantTurn turn, DialogSet set)
    {
        var last = turn.Context.Outbox[^1];
        var titles = last.SuggestedActions?.Actions.Select(a => a.Title ?? string.Empty).ToList() ?? [];
        if (!titles.Contains(AssistantText.PatientAdvocate, StringComparer.OrdinalIgnoreCase))
        {
            last.SuggestedActions = AssistantTurn.Suggestions(set.Safety.Suggestions.Concat(titles).Distinct(StringComparer.OrdinalIgnoreCase));
        }
    }
}
