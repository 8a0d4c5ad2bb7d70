namespace AssistantBot.Knowledge.Analysis;

/// <summary>
/// The analysis chain (see <see cref="ITextAnalyzer"/> for the stages). One instance belongs to one version of the
/// corpus: its synonyms, stop words and vocabulary. It is immutable and safe to share between threads.
/// </summary>
public sealed class TextAnalyzer : ITextAnalyzer
{
    /// <summary>Questions longer than this are analysed on their first part only; nobody's question is that long.</summary>
    public const int MaxQuestionCharacters = 2000;

    public const int MaxQuestionTokens = 200;

    private readonly AnalysisResources _resources;
    private readonly StemmingFilter _stemmer;
    private readonly PossessiveFilter _possessives = new();
    private readonly SynonymFilter _synonyms;
    private readonly StopWordFilter _stopWords;

    public TextAnalyzer(AnalysisResources resources, Lexicon lexicon, StemmingFilter? stemmer = null)
    {
        _resources = resources;
        Lexicon = lexicon;
        _stemmer = stemmer ?? new StemmingFilter();
        _synonyms = new SynonymFilter(resources.Synonyms);
        _stopWords = new StopWordFilter(resources.StopWords);
    }

    public Lexicon Lexicon { get; }

    public AnalysisResources Resources => _resources;

    public AnalyzedText Analyze(string text) => Run(text, MaxQuestionCharacters, MaxQuestionTokens, correctSpelling: true);

    /// <summary>Analyzes corpus text for the index: nothing is corrected, nothing is cut.</summary>
    public AnalyzedText AnalyzeDocument(string text) => Run(text, int.MaxValue, int.MaxValue, correctSpelling: false);

    public MatchScore Match(AnalyzedText question, AnalyzedText candidate)
    {
        if (question.IsEmpty || candidate.IsEmpty)
        {
            return MatchScore.None;
        }

        var shared = question.Stems.Where(candidate.Stems.Contains).ToList();
        var sharedWeight = shared.Sum(Weight);
        var coverage = sharedWeight / question.Stems.Sum(Weight);
        var precision = sharedWeight / candidate.Stems.Sum(Weight);
        var score = coverage + precision == 0 ? 0 : 2 * coverage * precision / (coverage + precision);
        return new MatchScore(score, coverage, precision, shared);
    }

    /// <summary>How telling a stem is: its rarity in the corpus, or 1 for every stem before a corpus is indexed.</summary>
    public double Weight(string stem) => Lexicon.PassageCount == 0 ? 1 : Lexicon.Idf(stem);

    private AnalyzedText Run(string text, int maxCharacters, int maxTokens, bool correctSpelling)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return AnalyzedText.Empty;
        }

        var tokens = new List<Token>();
        Tokenizer.Tokenize(TextNormalizer.Normalize(text, maxCharacters), tokens, maxTokens);
        _possessives.Apply(tokens);
        _stemmer.Apply(tokens);
        List<Correction> corrections = [];
        if (correctSpelling && Lexicon.WordCount > 0)
        {
            var corrector = new SpellingCorrector(Lexicon, IsKnownWord, _stemmer);
            corrector.Apply(tokens);
            corrections = corrector.Corrections;
        }

        _synonyms.Apply(tokens);
        _stopWords.Apply(tokens);
        return new AnalyzedText(tokens.Select(t => new AnalyzedTerm(t.Text, t.Stem, t.Origin)).ToArray(), corrections);
    }

    private bool IsKnownWord(string word) =>
        _resources.StopWords.Contains(word) || _resources.Synonyms.Canonicals.Contains(word) || _resources.Synonyms.StartsAPhrase(word);
}
