using AssistantBot.Conversations;

namespace AssistantBot.Assistant;

/// <summary>
/// The assistant's entry point: what it says when a conversation starts and how it answers a message.
/// The activity handler calls it inside a stateful turn, so any change to <see cref="AssistantTurn.Conversation"/> is saved.
/// </summary>
public interface IAssistant
{
    Task GreetAsync(AssistantTurn turn, CancellationToken cancellationToken);

    Task OnMessageAsync(AssistantTurn turn, CancellationToken cancellationToken);
}
