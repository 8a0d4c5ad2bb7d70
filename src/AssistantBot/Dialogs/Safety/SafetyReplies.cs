using AssistantBot.Conversations;
using AssistantBot.Dialogs.Model;

namespace AssistantBot.Dialogs.Safety;

/// <summary>The replies of <c>dialogs/safety.yaml</c>: the emergency guidance with the Patient Advocate offer, and the short note for a general question.</summary>
public static class SafetyReplies
{
    /// <summary>Emergency guidance first, then the offer of a Patient Advocate, in one message so no channel can split them.</summary>
    public static void Emergency(AssistantTurn turn, SafetyRules rules) =>
        turn.Reply(rules.EmergencyText + "\n\n" + rules.AdvocateOffer, rules.Suggestions);

    /// <summary>Before answering a general question about a red-flag symptom: what to do if it is happening now.</summary>
    public static void MentionNote(AssistantTurn turn, SafetyRules rules) => turn.Reply(rules.MentionNote);
}
