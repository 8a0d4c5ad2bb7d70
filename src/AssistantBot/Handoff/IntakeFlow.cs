using AssistantBot.BotFramework.Schema;
using AssistantBot.Conversations;

namespace AssistantBot.Handoff;

/// <summary>
/// The visitor's side of a Patient Advocate request: what will happen, name, how to reach them (validated, with a
/// friendly re-prompt), a good time, an optional topic, consent to be contacted and to share the conversation, then a
/// summary to send, edit or cancel. Answers are kept encrypted in the conversation state until the request is sent.
/// </summary>
public sealed class IntakeFlow(HandoffProtector protector)
{
    public void Start(AssistantTurn turn, HandoffState state)
    {
        state.IntakeId = ReferenceNumbers.NewId();
        state.ProtectedDraft = protector.Protect(new HandoffDraft());
        state.Editing = false;
        turn.Reply(IntakeText.Intro);
        Ask(turn, state, IntakeStep.Name);
    }

    /// <summary>Handles one answer. Returns the confirmed draft when the visitor chose to send the request.</summary>
    public HandoffDraft? Answer(AssistantTurn turn, HandoffState state)
    {
        var text = turn.Text;
        if (IsCancel(text))
        {
            Reset(state);
            turn.Reply(IntakeText.Cancelled);
            return null;
        }

        if (string.Equals(text, "help", StringComparison.OrdinalIgnoreCase))
        {
            turn.Reply(IntakeText.Help);
            Ask(turn, state, state.Step, again: false);
            return null;
        }

        var draft = state.ProtectedDraft is null ? new HandoffDraft() : protector.Unprotect<HandoffDraft>(state.ProtectedDraft);
        switch (state.Step)
        {
            case IntakeStep.Name:
                var name = ContactValidation.Clean(text, ContactValidation.MaxNameLength + 1);
                if (name.Length is 0 or > ContactValidation.MaxNameLength)
                {
                    Ask(turn, state, IntakeStep.Name, again: true);
                    return null;
                }

                return Next(turn, state, draft with { Name = name }, IntakeStep.Contact);

            case IntakeStep.Contact:
                if (ContactValidation.TryNormalizeEmail(text, out var email))
                {
                    return Next(turn, state, draft with { Email = email, Phone = null }, IntakeStep.BestTime);
                }

                if (ContactValidation.TryNormalizePhone(text, out var phone))
                {
                    return Next(turn, state, draft with { Phone = phone, Email = null }, IntakeStep.BestTime);
                }

                Ask(turn, state, IntakeStep.Contact, again: true);
                return null;

            case IntakeStep.BestTime:
                var time = ContactValidation.Clean(text, ContactValidation.MaxFreeTextLength);
                if (time.Length == 0)
                {
                    Ask(turn, state, IntakeStep.BestTime, again: true);
                    return null;
                }

                return Next(turn, state, draft with { BestTime = time }, IntakeStep.Topic);

            case IntakeStep.Topic:
                var topic = string.Equals(text, IntakeText.Skip, StringComparison.OrdinalIgnoreCase) ? null : ContactValidation.Clean(text, ContactValidation.MaxFreeTextLength);
                return Next(turn, state, draft with { Topic = string.IsNullOrEmpty(topic) ? null : topic }, IntakeStep.Consent);

            case IntakeStep.Consent:
                if (Matches(text, IntakeText.ConsentNo, "no"))
                {
                    Reset(state);
                    turn.Reply(IntakeText.NoConsent);
                    return null;
                }

                bool? share = Matches(text, IntakeText.ShareYes, "yes") ? true : Matches(text, IntakeText.ShareNo) ? false : null;
                if (share is null)
                {
                    Ask(turn, state, IntakeStep.Consent, again: true);
                    return null;
                }

                return Next(turn, state, draft with { ShareTranscript = share }, IntakeStep.Summary);

            case IntakeStep.Summary:
                if (Matches(text, IntakeText.SendRequest, "send", "yes", "confirm"))
                {
                    return draft;
                }

                if (Matches(text, IntakeText.Edit, "change"))
                {
                    Ask(turn, state, IntakeStep.ChooseEdit);
                    return null;
                }

                ShowSummary(turn, draft);
                return null;

            case IntakeStep.ChooseEdit:
                var target = text.ToLowerInvariant() switch
                {
                    "name" => IntakeStep.Name,
                    "contact" or "phone" or "e-mail" or "email" => IntakeStep.Contact,
                    "best time" or "time" => IntakeStep.BestTime,
                    "topic" => IntakeStep.Topic,
                    "sharing" or "consent" => IntakeStep.Consent,
                    _ => IntakeStep.None,
                };
                if (target == IntakeStep.None)
                {
                    Ask(turn, state, IntakeStep.ChooseEdit, again: true);
                    return null;
                }

                state.Editing = true;
                Ask(turn, state, target);
                return null;

            default:
                return null;
        }
    }

    /// <summary>Asks the current question again, after something else took the visitor's message.</summary>
    public void Repeat(AssistantTurn turn, HandoffState state)
    {
        turn.Reply(IntakeText.AfterInterruption);
        if (state.Step == IntakeStep.Summary && state.ProtectedDraft is not null)
        {
            ShowSummary(turn, protector.Unprotect<HandoffDraft>(state.ProtectedDraft));
            return;
        }

        Ask(turn, state, state.Step);
    }

    public static void Reset(HandoffState state)
    {
        state.Step = IntakeStep.None;
        state.ProtectedDraft = null;
        state.Editing = false;
        state.IntakeId = null;
    }

    private HandoffDraft? Next(AssistantTurn turn, HandoffState state, HandoffDraft draft, IntakeStep next)
    {
        state.ProtectedDraft = protector.Protect(draft);
        if (state.Editing || next == IntakeStep.Summary)
        {
            state.Editing = false;
            state.Step = IntakeStep.Summary;
            ShowSummary(turn, draft);
            return null;
        }

        Ask(turn, state, next);
        return null;
    }

    private static void Ask(AssistantTurn turn, HandoffState state, IntakeStep step, bool again = false)
    {
        state.Step = step;
        var (text, choices) = step switch
        {
            IntakeStep.Name => (again ? IntakeText.AskNameAgain : IntakeText.AskName, new[] { IntakeText.Cancel }),
            IntakeStep.Contact => (again ? IntakeText.AskContactAgain : IntakeText.AskContact, new[] { IntakeText.Cancel }),
            IntakeStep.BestTime => (again ? IntakeText.AskBestTimeAgain : IntakeText.AskBestTime, [.. IntakeText.BestTimes, IntakeText.Cancel]),
            IntakeStep.Topic => (IntakeText.AskTopic, [IntakeText.Skip, IntakeText.Cancel]),
            IntakeStep.Consent => (again ? IntakeText.AskConsentAgain : IntakeText.AskConsent, [IntakeText.ShareYes, IntakeText.ShareNo, IntakeText.ConsentNo]),
            IntakeStep.ChooseEdit => (again ? IntakeText.AskConsentAgain : IntakeText.AskEdit, IntakeText.EditChoices),
            _ => (string.Empty, Array.Empty<string>()),
        };
        turn.Reply(text, choices);
    }

    private static void ShowSummary(AssistantTurn turn, HandoffDraft draft)
    {
        var lines = new List<string>
        {
            "Here is your request:",
            $"Name: {draft.Name}",
            $"Contact: {draft.HowToReach}",
            $"Best time: {draft.BestTime}",
            $"Topic: {draft.Topic ?? "(none)"}",
            $"Share this conversation with the care team: {(draft.ShareTranscript == true ? "yes" : "no")}",
            "Shall I send it?",
        };

        // Plain text: the visitor's own words are shown as typed, never interpreted as markup.
        turn.Reply(new Activity
        {
            Type = ActivityTypes.Message,
            Text = string.Join("\n", lines),
            TextFormat = "plain",
            SuggestedActions = AssistantTurn.Suggestions([IntakeText.SendRequest, IntakeText.Edit, IntakeText.Cancel]),
        });
    }

    private static bool IsCancel(string text) => Matches(text, IntakeText.Cancel, "stop", "start over", "never mind", "nevermind", "quit");

    private static bool Matches(string text, params string[] options) =>
        options.Any(o => string.Equals(text.Trim().TrimEnd('.', '!'), o, StringComparison.OrdinalIgnoreCase));
}
