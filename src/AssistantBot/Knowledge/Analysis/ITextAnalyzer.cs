// The analysis API, shared by retrieval (issue 3) and FAQ phrasing matching (issue 4).
//
//   ITextAnalyzer analyzer = services.GetRequiredService<ITextAnalyzer>();   // singleton, follows corpus reloads
//   AnalyzedText question = analyzer.Analyze("How long can my dad live with stage IV lung cancer?");
//   question.Terms      → survival, stage4, lung, cancer      (canonical terms: synonyms resolved, stop words gone)
//   question.Stems      → the same terms' stems, the set two texts are compared on
//   question.Corrections→ typos fixed against the corpus vocabulary ("metastisis" → "metastasis")
//   MatchScore m = analyzer.Match(question, analyzer.Analyze("What is the life expectancy for stage 4?"));
//   m.Score (0..1, F1 of rarity-weighted term overlap), m.Coverage (share of the question matched)
//
// Stages, in order, each a small class with its own tests (like Lucene's analyzer chain):
//   TextNormalizer → Tokenizer ("%" is the word "percent") → PossessiveFilter → StemmingFilter
//   → SpellingCorrector (queries only) → SynonymFilter → StopWordFilter
// The synonyms and stop words are data (corpus/synonyms.yaml, corpus/stopwords.txt); the vocabulary for typo
// correction (the corpus's words as written, plus every word of every synonym phrase, so "inhibitor" is never
// "corrected" away from "tyrosine kinase inhibitor") and the rarity weights come from the current search index, so
// they change when the corpus does. Terms a follow-up question takes from the conversation are TermOrigin.Context.

namespace AssistantBot.Knowledge.Analysis;

/// <summary>Turns text into the canonical terms that search and matching work on.</summary>
public interface ITextAnalyzer
{
    /// <summary>Analyzes a visitor's text: typos in words the corpus does not know are corrected.</summary>
    AnalyzedText Analyze(string text);

    /// <summary>How well <paramref name="candidate"/> matches <paramref name="question"/>, rarer shared terms counting more.</summary>
    MatchScore Match(AnalyzedText question, AnalyzedText candidate);
}

/// <summary>How a term came to be: as written, as the canonical form of a synonym, as a typo's correction, or from the conversation.</summary>
public enum TermOrigin
{
    Word,
    Synonym,
    Corrected,

    /// <summary>Carried over from the conversation's earlier question into a follow-up ("How is it treated?").</summary>
    Context,
}

/// <param name="Text">The canonical surface form; what the search index holds.</param>
/// <param name="Stem">The Porter stem (for synonyms, the canonical term itself); what matching compares.</param>
/// <param name="Origin">Whether the term was written, came from a synonym, or corrects a typo.</param>
public readonly record struct AnalyzedTerm(string Text, string Stem, TermOrigin Origin);

/// <summary>An analysed term of corpus text, with the numbers of its text and stem in <see cref="TextAnalyzer.DocumentTerms"/>.</summary>
public readonly record struct DocumentTerm(string Text, string Stem, int TextId, int StemId, bool IsSynonym);

/// <param name="From">The word as written (normalised).</param>
/// <param name="To">The vocabulary word it was taken for.</param>
public readonly record struct Correction(string From, string To);

public sealed record AnalyzedText(IReadOnlyList<AnalyzedTerm> AllTerms, IReadOnlyList<Correction> Corrections)
{
    public static readonly AnalyzedText Empty = new([], []);

    // Computed when first asked for: the index analyses millions of sentences and needs neither.
    private IReadOnlyList<string>? _terms;
    private IReadOnlySet<string>? _stems;

    /// <summary>Distinct canonical terms, in order of first appearance.</summary>
    public IReadOnlyList<string> Terms => _terms ??= AllTerms.Select(t => t.Text).Distinct(StringComparer.Ordinal).ToArray();

    public IReadOnlySet<string> Stems => _stems ??= AllTerms.Select(t => t.Stem).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// For corpus text only: every word as written (normalised, before synonyms; stop words left out), which is the
    /// vocabulary typos are corrected to. Empty for questions.
    /// </summary>
    public IReadOnlyList<string> Words { get; init; } = [];

    public bool IsEmpty => AllTerms.Count == 0;
}

/// <param name="Score">F1 of the weighted overlap: 1 when both texts have the same terms, 0 when none is shared.</param>
/// <param name="Coverage">Weighted share of the question's terms found in the candidate.</param>
/// <param name="Precision">Weighted share of the candidate's terms found in the question.</param>
/// <param name="Shared">The stems both texts have.</param>
public sealed record MatchScore(double Score, double Coverage, double Precision, IReadOnlyList<string> Shared)
{
    public static readonly MatchScore None = new(0, 0, 0, []);
}
