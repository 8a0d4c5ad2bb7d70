using AssistantBot.Conversations;

namespace AssistantBot.Dialogs.Handoff;

/// <summary>
/// The seam for the Patient Advocate hand-off (issue 5) to take a turn: while a visitor is connected to staff, or
/// answering the hand-off's intake questions, their messages belong to the hand-off, not to the dialogs.
/// The router asks it right after the red-flag check, so an emergency reply has already been queued by then.
/// </summary>
public interface IActiveHandoff
{
    /// <summary>Returns true when the hand-off handled the message; the router then does nothing more this turn.</summary>
    Task<bool> TryHandleAsync(AssistantTurn turn, CancellationToken cancellationToken);
}

/// <summary>No hand-off in progress, ever: the default until the hand-off feature registers its own.</summary>
public sealed class NoActiveHandoff : IActiveHandoff
{
    public Task<bool> TryHandleAsync(AssistantTurn turn, CancellationToken cancellationToken) => Task.FromResult(false);
}
