using AssistantBot.Conversations;
using AssistantBot.Handoff;

namespace AssistantBot.Dialogs.Handoff;

/// <summary>The hand-off feature behind the router's two seams: its intake starts on request, and it takes the turns it owns.</summary>
public sealed class HandoffConversationSeams(HandoffConversation handoff) : IActiveHandoff, IPatientAdvocateHandoff
{
    public Task<bool> TryHandleAsync(AssistantTurn turn, CancellationToken cancellationToken) => handoff.TryHandleAsync(turn, cancellationToken);

    public Task StartAsync(AssistantTurn turn, CancellationToken cancellationToken) => handoff.StartAsync(turn, cancellationToken);
}
