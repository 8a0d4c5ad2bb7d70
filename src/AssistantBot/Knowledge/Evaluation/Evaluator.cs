using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AssistantBot.Knowledge.Answering;
using AssistantBot.Knowledge.Index;

namespace AssistantBot.Knowledge.Evaluation;

/// <summary>Runs a question set through the search and measures retrieval, answers and declines.</summary>
public sealed partial class Evaluator(KnowledgeSearch search)
{
    public EvaluationReport Run(EvaluationSet set)
    {
        var outcomes = set.Questions.Select(q => Evaluate(q, search.Ask(q.Ask, Conversation(search, q.Context)))).ToList();
        return new EvaluationReport(outcomes);
    }

    /// <summary>The topic a conversation has after the earlier questions, as the responder would keep it.</summary>
    public static KnowledgeTopic? Conversation(KnowledgeSearch search, IReadOnlyList<string> earlier)
    {
        KnowledgeTopic? topic = null;
        foreach (var question in earlier)
        {
            var result = search.Ask(question, topic);
            if (result.Answered)
            {
                topic = KnowledgeTopic.Of(result.Analysis, DateTimeOffset.UnixEpoch);
            }
        }

        return topic;
    }

    private static QuestionOutcome Evaluate(EvaluationQuestion question, KnowledgeResult result)
    {
        var rank = 0;
        if (!question.Unanswerable)
        {
            var expected = question.ExpectedPassages().ToList();
            var index = result.Ranked.ToList().FindIndex(r => expected.Any(e => Is(r.Passage, e.Document, e.Words)));
            rank = index + 1;
        }

        var reply = result.Answered ? result.Answer!.Text : string.Empty;
        var factFound = question.Fact is not null && question.Fact.Split(" || ").Any(f => Squash(reply).Contains(Squash(f), StringComparison.OrdinalIgnoreCase));
        return new QuestionOutcome(question, result, rank, factFound);
    }

    private static bool Is(IndexedPassage passage, string document, string words) =>
        passage.Document.File == document
        && (Squash(passage.Text).Contains(Squash(words), StringComparison.OrdinalIgnoreCase)
            || Squash(passage.Heading).Contains(Squash(words), StringComparison.OrdinalIgnoreCase));

    /// <summary>Compares text regardless of spacing, line breaks and typographic quotes.</summary>
    public static string Squash(string text) =>
        Spaces().Replace(text.Replace('’', '\'').Replace('‘', '\'').Replace('“', '"').Replace('”', '"'), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

/// <param name="Rank">1-based rank of the expected passage among the candidates; 0 when absent or unanswerable.</param>
/// <param name="FactFound">Whether the first reply contains the expected fact.</param>
public sealed record QuestionOutcome(EvaluationQuestion Question, KnowledgeResult Result, int Rank, bool FactFound)
{
    public bool Declined => !Result.Answered;
}

public sealed class EvaluationReport(IReadOnlyList<QuestionOutcome> outcomes)
{
    public IReadOnlyList<QuestionOutcome> Outcomes { get; } = outcomes;

    public IReadOnlyList<QuestionOutcome> Answerable => Outcomes.Where(o => !o.Question.Unanswerable).ToList();

    public IReadOnlyList<QuestionOutcome> Unanswerable => Outcomes.Where(o => o.Question.Unanswerable).ToList();

    public double RecallAt1 => Share(Answerable, o => o.Rank == 1);

    public double RecallAt3 => Share(Answerable, o => o.Rank is >= 1 and <= 3);

    public double MeanReciprocalRank => Answerable.Count == 0 ? 0 : Answerable.Average(o => o.Rank == 0 ? 0 : 1.0 / o.Rank);

    /// <summary>Share of answerable questions whose first reply holds the expected fact.</summary>
    public double FactInFirstReply => Share(Answerable, o => o.FactFound);

    public double AnswerableDeclined => Share(Answerable, o => o.Declined);

    public double UnanswerableDeclined => Share(Unanswerable, o => o.Declined);

    public string Summary()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Questions: {Outcomes.Count} ({Answerable.Count} answerable, {Unanswerable.Count} unanswerable)"));
        text.AppendLine(Invariant($"Recall@1:  {RecallAt1:0.000}"));
        text.AppendLine(Invariant($"Recall@3:  {RecallAt3:0.000}"));
        text.AppendLine(Invariant($"MRR:       {MeanReciprocalRank:0.000}"));
        text.AppendLine(Invariant($"Fact in first reply:     {FactInFirstReply:0.000} ({Answerable.Count(o => o.FactFound)}/{Answerable.Count})"));
        text.AppendLine(Invariant($"Answerable declined:     {AnswerableDeclined:0.000} ({Answerable.Count(o => o.Declined)}/{Answerable.Count})"));
        text.AppendLine(Invariant($"Unanswerable declined:   {UnanswerableDeclined:0.000} ({Unanswerable.Count(o => o.Declined)}/{Unanswerable.Count})"));
        foreach (var kind in Answerable.GroupBy(o => o.Question.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(Invariant($"  {kind.Key,-10} {kind.Count(),3} questions  Recall@1 {Share(kind.ToList(), o => o.Rank == 1):0.000}  Recall@3 {Share(kind.ToList(), o => o.Rank is >= 1 and <= 3):0.000}  fact {Share(kind.ToList(), o => o.FactFound):0.000}"));
        }

        var weakestAnswered = Answerable.Where(o => o.Rank == 1).Select(o => o.Result.Confidence).DefaultIfEmpty(0).Min();
        var strongestUnanswerable = Unanswerable.Select(o => o.Result.Confidence).DefaultIfEmpty(0).Max();
        text.Append(Invariant($"Confidence: lowest of correct answers {weakestAnswered:0.000}, highest of unanswerable {strongestUnanswerable:0.000}"));
        return text.ToString();
    }

    public IEnumerable<string> Details()
    {
        foreach (var o in Outcomes)
        {
            var mark = o.Question.Unanswerable
                ? (o.Declined ? "ok  " : "MISS")
                : (o.Rank == 1 && o.FactFound ? "ok  " : o.Rank is >= 1 and <= 3 ? "near" : "MISS");
            var top = o.Result.Ranked.FirstOrDefault()?.Passage;
            yield return Invariant($"{mark} [{o.Question.Kind}] rank {o.Rank} conf {o.Result.Confidence:0.00} fact {(o.FactFound ? "yes" : "no ")} {o.Question.Ask}  -> {top?.Document.File} [{top?.Heading}]");
        }
    }

    private static double Share(IReadOnlyList<QuestionOutcome> set, Func<QuestionOutcome, bool> predicate) =>
        set.Count == 0 ? 0 : (double)set.Count(predicate) / set.Count;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
