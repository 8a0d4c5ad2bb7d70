using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Index;

namespace AssistantBot.Knowledge.Ranking;

/// <summary>
/// The second stage: FTS5 finds candidates, this orders them. Relevance is BM25F (length counting less than FTS5's
/// bm25() lets it, a lost heading less than a real one), scaled by how much of the question the passage holds
/// (coverage), how close together it holds it (focus: the best few consecutive sentences), whether those sentences
/// hold what this kind of question asks for (places for "where", numbers for "how many"), and whether a heading
/// phrased as a question is this question. The constants were set on tests/eval/questions.yaml; the figures move
/// little around them (docs/knowledge.md).
/// </summary>
public sealed class Reranker
{
    /// <summary>BM25's term-frequency saturation (the usual value).</summary>
    public const double K1 = 1.2;

    /// <summary>BM25's length normalisation: 0.75 in FTS5, which lets one-line paragraphs beat the list that answers.</summary>
    public const double LengthNormalisation = 0.5;

    /// <summary>A heading that is only the document's title says little about the passage under it.</summary>
    public const double TitleWeight = 0.5;

    /// <summary>How strongly a passage holding all of the question beats BM25's order.</summary>
    public const double CoverageEmphasis = 2;

    /// <summary>How strongly the question's words standing together counts.</summary>
    public const double FocusEmphasis = 1;

    /// <summary>The most an answer of the asked kind adds (doubles the relevance), reached at <see cref="CueSaturation"/> words.</summary>
    public const double CueBoost = 1;

    public const int CueSaturation = 3;

    /// <summary>The most a heading that asks this very question adds, counted only from half its words repeated.</summary>
    public const double EchoBoost = 1;

    public const double MinimumEcho = 0.5;

    /// <summary>The most a sentence opening with the question's words adds (× 1.5 when that word is all the question).</summary>
    public const double SubjectBoost = 0.5;

    private readonly QuestionTerms _question;
    private readonly IReadOnlyList<CueKind> _kinds;
    private readonly IReadOnlyList<string> _questionWords;
    private readonly TextAnalyzer _analyzer;
    private readonly Bm25Parameters _bm25;
    private readonly bool _asksWhatSomethingIs;

    /// <param name="questionWords">The stems of all the question's words, stop words included.</param>
    public Reranker(QuestionTerms question, IReadOnlyList<CueKind> kinds, IReadOnlyList<string> questionWords, TextAnalyzer analyzer, double headingWeight)
    {
        _question = question;
        _kinds = kinds;
        _questionWords = questionWords;
        _analyzer = analyzer;
        _bm25 = new Bm25Parameters(K1, LengthNormalisation, headingWeight, TitleWeight, analyzer.Lexicon.AveragePassageTerms);
        _asksWhatSomethingIs = kinds.Any(k => k.Subject);
    }

    public PassageFeatures Features(IndexedPassage passage)
    {
        var echo = passage.UnderTitle ? 0 : FeatureExtractor.HeadingEcho(passage.Heading, passage.HeadingWordStems, _questionWords);
        var features = FeatureExtractor.Extract(_question, passage, _bm25, (from, to) => QuestionCues.Answers(_kinds, passage.Terms, from, to, _question), echo);
        return _asksWhatSomethingIs ? features with { Subject = FeatureExtractor.Subject(_question, passage.Terms) } : features;
    }

    public static double Relevance(PassageFeatures f) =>
        f.Bm25
        * Math.Pow(f.Coverage, CoverageEmphasis)
        * Math.Pow(f.Focus, FocusEmphasis)
        * (1 + CueBoost * Math.Min(1.0, (double)f.Cue / CueSaturation))
        * (1 + EchoBoost * (f.HeadingEcho >= MinimumEcho ? f.HeadingEcho : 0))
        * (1 + SubjectBoost * f.Subject);
}
