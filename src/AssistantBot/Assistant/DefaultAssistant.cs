using AssistantBot.Conversations;

namespace AssistantBot.Assistant;

/// <summary>
/// The assistant before any knowledge or dialog is plugged in: it greets, explains what it can do, and says
/// honestly that it cannot answer anything else yet, offering the Patient Advocate.
/// </summary>
public sealed class DefaultAssistant(AssistantBot.Handoff.HandoffConversation handoff) : IAssistant
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
        if (await handoff.TryHandleAsync(turn, cancellationToken))
        {
            return;
        }

        if (string.Equals(turn.Text, AssistantText.PatientAdvocate, StringComparison.OrdinalIgnoreCase))
        {
            await handoff.StartAsync(turn, cancellationToken);
            return;
        }

        if (string.Equals(turn.Text, AssistantText.Help, StringComparison.OrdinalIgnoreCase))
        {
            turn.Reply(
                "I can share published information about metastatic lung cancer, and connect you with a patient advocate. " +
                "Say \"Patient Advocate\" at any time to have a trained care coordinator reach out to you.",
                WelcomeSuggestions);
            return;
        }

        turn.Reply(
            "I'm sorry, I can't answer that yet. A patient advocate can help: say \"Patient Advocate\" to have a trained care coordinator reach out to you.",
            [AssistantText.PatientAdvocate]);
    }
}
