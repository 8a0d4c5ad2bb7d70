namespace AssistantBot.Knowledge.Feedback;

/// <summary>
/// What content editors need to improve the corpus: questions the sources did not cover, and visitors' verdicts on
/// answers. Question text is personal data, so it is kept only for the retention period.
/// </summary>
public interface IKnowledgeFeedbackStore
{
    Task RecordUnansweredAsync(UnansweredQuestion question, CancellationToken cancellationToken);

    Task RecordFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken);

    Task<IReadOnlyList<UnansweredQuestion>> RecentUnansweredAsync(int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<AnswerFeedback>> RecentFeedbackAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Visitors' verdicts given since <paramref name="since"/>, counted per passage (document and heading), the least liked first.</summary>
    Task<IReadOnlyList<PassageFeedbackCount>> FeedbackCountsAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Deletes question text older than <paramref name="cutoff"/>; returns how many records went.</summary>
    Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <param name="Question">As asked (cut to the question length limit).</param>
/// <param name="Outcome">Why it went unanswered: not covered, or below the confidence threshold.</param>
/// <param name="Confidence">The best passage's confidence, to see how near a miss it was.</param>
/// <param name="ChannelId">Where it was asked; no user or conversation id is kept.</param>
public sealed record UnansweredQuestion(string Question, string Outcome, double Confidence, string? ChannelId, DateTimeOffset AskedAt);

/// <param name="PassageId">The passage that answered (ids change when the corpus is re-indexed, so the document and heading are kept too).</param>
public sealed record AnswerFeedback(bool Helpful, string Question, int PassageId, string Document, string Heading, string? ChannelId, DateTimeOffset GivenAt);

/// <summary>How one passage (a document's section) was judged.</summary>
public sealed record PassageFeedbackCount(string Document, string Heading, int Helpful, int NotHelpful, DateTimeOffset LastGivenAt);
