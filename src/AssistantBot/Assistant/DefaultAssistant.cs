using AssistantBot.Conversations;
using AssistantBot.Knowledge.Answering;

namespace AssistantBot.Assistant;

/// <summary>
/// The assistant before any dialog is plugged in: it greets, explains what it can do, and answers everything else
/// from the corpus (which says honestly when its sources do not cover a question, offering the Patient Advocate).
/// </summary>
public sealed class DefaultAssistant(KnowledgeResponder knowledge) : IAssistant
{
    private static readonly string[] WelcomeSuggestions = [AssistantText.Help, AssistantText.PatientAdvocate];

    public Task GreetAsync(AssistantTurn turn, CancellationToken cancellationToken)
    {
        turn.Reply(
            "Hello, I'm the cancer center's virtual assistant. " + AssistantText.Disclaimer +
            " To have a trained care coordinator reach out to you, say \"Patient Advocate\" at any time.",
            WelcomeSuggestions);
        return Task.CompletedTask;
    }

    public async Task OnMessageAsync(AssistantTurn turn, CancellationToken cancellationToken)
    {
        if (string.Equals(turn.Text, AssistantText.Help, StringComparison.OrdinalIgnoreCase))
        {
            turn.Reply(
                "I can share published information about metastatic lung cancer, and connect you with a patient advocate. " +
                "Say \"Patient Advocate\" at any time to have a trained care coordinator reach out to you.",
                WelcomeSuggestions);
            return;
        }

        if (await knowledge.TryHandleFeedbackAsync(turn, cancellationToken))
        {
            return;
        }

        await knowledge.RespondAsync(turn, turn.Text, cancellationToken);
    }
}
