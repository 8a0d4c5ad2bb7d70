using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Index;

namespace AssistantBot.Knowledge.Answering;

public enum KnowledgeOutcome
{
    /// <summary>A passage answers the question with enough confidence.</summary>
    Answered,

    /// <summary>The sources do not cover the question (or not confidently enough).</summary>
    NotCovered,

    /// <summary>Nothing to search for: empty, stop words only, emoji, punctuation.</summary>
    NoQuestion,

    /// <summary>Longer than anyone's question; the visitor is asked for a shorter one.</summary>
    TooLong,
}

/// <summary>Where an answer comes from, as the citation shows it.</summary>
public sealed record Source(string Title, string? Publisher, DateOnly? Date, string? DateKind, string? ReviewedBy)
{
    /// <summary>"Stage 4 lung cancer, City of Hope, updated 12 September 2022, medically reviewed by Maurie Markman, MD".</summary>
    public override string ToString()
    {
        var parts = new List<string> { Title };
        if (Publisher is not null)
        {
            parts.Add(Publisher);
        }

        if (Date is { } date)
        {
            parts.Add($"{DateKind ?? "dated"} {date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}");
        }

        if (ReviewedBy is not null)
        {
            parts.Add("medically reviewed by " + ReviewedBy);
        }

        return string.Join(", ", parts);
    }

    public static Source Of(IndexedDocument document) =>
        new(document.Title, document.Publisher, document.Date, document.DateKind, document.ReviewedBy);
}

/// <param name="Passage">The passage the answer is taken from.</param>
/// <param name="Relevance">The re-ranking score (BM25 scaled by how much of the question the passage covers).</param>
/// <param name="Coverage">Weighted share of the question's terms the passage holds (0–1).</param>
/// <param name="Features">What the relevance was computed from.</param>
public sealed record RankedPassage(IndexedPassage Passage, double Relevance, double Coverage, Ranking.PassageFeatures Features = default);

/// <param name="Text">The passage or its best sentences, word for word.</param>
/// <param name="Confidence">0–1; compared with <see cref="KnowledgeOptions.ConfidenceThreshold"/>.</param>
/// <param name="Related">Up to three questions other strong passages answer, phrased from their headings.</param>
public sealed record KnowledgeAnswer(RankedPassage Best, string Text, Source Source, double Confidence, IReadOnlyList<string> Related)
{
    public int PassageId => Best.Passage.Id;
}

/// <param name="Question">As asked.</param>
/// <param name="Analysis">What the analyzer made of it.</param>
/// <param name="Answer">Set when <see cref="Outcome"/> is <see cref="KnowledgeOutcome.Answered"/>, and for the best (too weak) passage otherwise.</param>
/// <param name="Ranked">The candidate passages in order, for the tools.</param>
public sealed record KnowledgeResult(
    string Question,
    KnowledgeOutcome Outcome,
    AnalyzedText Analysis,
    KnowledgeAnswer? Answer,
    IReadOnlyList<RankedPassage> Ranked,
    IReadOnlySet<string> Cancers)
{
    public bool Answered => Outcome == KnowledgeOutcome.Answered;

    /// <summary>Whether the question was read as a follow-up, with terms of the conversation's topic added to <see cref="Analysis"/>.</summary>
    public bool FollowUp { get; init; }

    public double Confidence => Answer?.Confidence ?? 0;
}
