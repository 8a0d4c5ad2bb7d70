using AssistantBot.Conversations;

namespace AssistantBot.Dialogs.Routing;

/// <summary>Retrieval as the router sees it: the step after the scripted dialogs.</summary>
public interface IQuestionAnswerer
{
    /// <summary>
    /// Answers the question from the corpus, or declines it honestly; returns false, having said nothing, only when
    /// it cannot be asked at all, in which case the router gives its own fallback.
    /// </summary>
    Task<bool> TryAnswerAsync(AssistantTurn turn, string question, CancellationToken cancellationToken);
}

/// <summary>No retrieval: every question not scripted gets the router's honest fallback.</summary>
public sealed class NoQuestionAnswerer : IQuestionAnswerer
{
    public Task<bool> TryAnswerAsync(AssistantTurn turn, string question, CancellationToken cancellationToken) => Task.FromResult(false);
}
