using AssistantBot.Conversations;
using AssistantBot.Dialogs.Model;

namespace AssistantBot.Dialogs.Faqs;

public static class FaqReplies
{
    /// <summary>The scripted answer, its source, and the follow-up questions as suggested actions.</summary>
    public static void Answer(AssistantTurn turn, FaqDialog faq) =>
        turn.Reply(faq.Answer + "\n\n" + SourceDocument.Cite(faq.Sources), faq.Suggestions);
}
