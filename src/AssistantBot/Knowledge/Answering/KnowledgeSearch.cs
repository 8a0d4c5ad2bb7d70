using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Index;
using Microsoft.Extensions.Options;

namespace AssistantBot.Knowledge.Answering;

/// <summary>
/// Question → answer, without any conversation around it (the responder, the tools and the evaluation share it):
/// analyse; let FTS5 find candidates by BM25; drop passages about another cancer than the question's; re-rank by
/// how much of the question each passage covers; answer from the best when confidence clears the threshold.
/// </summary>
public sealed class KnowledgeSearch(KnowledgeIndex index, IOptions<KnowledgeOptions> options)
{
    /// <summary>How strongly re-ranking favours passages that hold all of the question over BM25's order (tuned on the evaluation set).</summary>
    private const double CoverageEmphasis = 3;

    /// <summary>A passage is strong enough for a related question when it scores this share of the best one.</summary>
    private const double RelatedStrength = 0.15;

    public KnowledgeResult Ask(string question)
    {
        var settings = options.Value;
        if (question.Length > settings.MaxQuestionCharacters)
        {
            return Unanswered(question, KnowledgeOutcome.TooLong, AnalyzedText.Empty, [], new HashSet<string>());
        }

        using var lease = index.Acquire();
        var generation = lease.Generation;
        var analyzer = generation.Analyzer;
        var analysis = analyzer.Analyze(question);
        if (analysis.IsEmpty)
        {
            return Unanswered(question, KnowledgeOutcome.NoQuestion, analysis, [], new HashSet<string>());
        }

        var stems = analysis.AllTerms.Select(t => t.Stem).ToList();
        var named = generation.Cancers.Named(stems);
        var about = named.Count > 0 ? named : generation.Cancers.Assumed is { } assumed ? new HashSet<string> { assumed } : named;
        var ranked = Rank(lease.Session, generation, analysis, about, explicitly: named.Count > 0, settings);
        if (ranked.Count == 0)
        {
            return Unanswered(question, KnowledgeOutcome.NotCovered, analysis, ranked, about);
        }

        var best = ranked[0];
        var confidence = Confidence(best, analysis);
        var answer = new KnowledgeAnswer(
            best,
            AnswerComposer.Compose(best.Passage.Text, analysis, analyzer, settings.MaxAnswerCharacters),
            Source.Of(best.Passage.Document),
            confidence,
            Related(ranked, question, settings.RelatedQuestions));
        var outcome = confidence >= settings.ConfidenceThreshold ? KnowledgeOutcome.Answered : KnowledgeOutcome.NotCovered;
        return new KnowledgeResult(question, outcome, analysis, answer, ranked, about);
    }

    /// <summary>
    /// Whether a passage may answer a question about <paramref name="cancers"/>: its document is about one of them, or
    /// its document is general and, when the question named its cancer, the passage is not about a different cancer
    /// (unless it also mentions the asked one).
    /// </summary>
    public static bool Fits(IndexedPassage passage, IReadOnlySet<string> cancers, bool explicitly, CancerTopics topics)
    {
        if (cancers.Count == 0)
        {
            return true;
        }

        var documentCancers = passage.Document.Cancers;
        if (documentCancers.Count > 0)
        {
            return documentCancers.Overlaps(cancers);
        }

        if (!explicitly)
        {
            return true;
        }

        var named = topics.Named(passage.Stems);
        return named.Count == 0 || named.Overlaps(cancers) || topics.Mentioned(passage.Stems).Overlaps(cancers);
    }

    private static List<RankedPassage> Rank(SearchSession session, IndexGeneration generation, AnalyzedText analysis, IReadOnlySet<string> cancers, bool explicitly, KnowledgeOptions settings)
    {
        var hits = session.Search(SearchSession.MatchExpression(analysis.Terms), settings.HeadingWeight, settings.Candidates);
        var ranked = new List<RankedPassage>(hits.Count);
        foreach (var hit in hits)
        {
            if (session.Passage(hit.PassageId) is not { } passage || !Fits(passage, cancers, explicitly, generation.Cancers))
            {
                continue;
            }

            var coverage = Coverage(analysis, passage, generation);
            ranked.Add(new RankedPassage(passage, -hit.Bm25 * Math.Pow(coverage, CoverageEmphasis), coverage));
        }

        ranked.Sort((a, b) => b.Relevance.CompareTo(a.Relevance));
        return ranked;
    }

    /// <summary>
    /// How much of the question the passage holds: the share of the question's weight (rarity) it contains, but no
    /// more than the share of the question's other words it contains besides the cancer's name. A passage that merely
    /// names the asked cancer ("Pancreatic 2.9%") does not cover "symptoms of pancreatic cancer".
    /// </summary>
    public static double Coverage(AnalyzedText question, IndexedPassage passage, IndexGeneration generation)
    {
        var analyzer = generation.Analyzer;
        var stems = passage.Stems.ToHashSet(StringComparer.Ordinal);
        var total = question.Stems.Sum(analyzer.Weight);
        if (total == 0)
        {
            return 0;
        }

        var weighted = question.Stems.Where(stems.Contains).Sum(analyzer.Weight) / total;
        var asked = question.Stems.Where(s => !generation.Cancers.NamesACancer(s)).ToList();
        var aspect = asked.Count == 0 ? 1 : (double)asked.Count(stems.Contains) / asked.Count;
        return Math.Min(weighted, aspect);
    }

    private static double Confidence(RankedPassage best, AnalyzedText question) => best.Coverage;

    private static IReadOnlyList<string> Related(List<RankedPassage> ranked, string question, int count)
    {
        var best = ranked[0];
        var asked = question.Trim().TrimEnd('?').Trim();
        return ranked.Skip(1)
            .Where(r => r.Passage.Heading != best.Passage.Heading && r.Relevance >= best.Relevance * RelatedStrength)
            .Select(r => RelatedQuestions.FromHeading(r.Passage.Heading))
            .Where(q => !string.Equals(q.TrimEnd('?'), asked, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(count)
            .ToList();
    }

    private static KnowledgeResult Unanswered(string question, KnowledgeOutcome outcome, AnalyzedText analysis, IReadOnlyList<RankedPassage> ranked, IReadOnlySet<string> cancers) =>
        new(question, outcome, analysis, null, ranked, cancers);
}
