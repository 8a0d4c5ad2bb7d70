namespace AssistantBot.Knowledge.Analysis;

/// <summary>
/// The analysis chain (see <see cref="ITextAnalyzer"/> for the stages). One instance belongs to one version of the
/// corpus: its synonyms, stop words and vocabulary. It is immutable and safe to share between threads.
/// </summary>
public sealed partial class TextAnalyzer : ITextAnalyzer
{
    /// <summary>Questions longer than this are analysed on their first part only; nobody's question is that long.</summary>
    public const int MaxQuestionCharacters = 2000;

    public const int MaxQuestionTokens = 200;

    private readonly AnalysisResources _resources;
    private readonly StemmingFilter _stemmer;
    private readonly PossessiveFilter _possessives = new();
    private readonly SynonymFilter _synonyms;
    private readonly StopWordFilter _stopWords;
    private readonly Lazy<SpellingVocabulary> _spelling;

    // A question's analysis is read several times in a turn (dialog routing, follow-up detection, retrieval) and
    // visitors repeat questions word for word (suggested actions, FAQs): each distinct text is analysed once.
    private readonly Caching.BoundedMemo<AnalyzedText> _questions = new();
    private readonly Caching.BoundedMemo<IReadOnlyList<string>> _words = new();
    private readonly Caching.BoundedMemo<IReadOnlyList<string>> _wordStems = new();

    public TextAnalyzer(AnalysisResources resources, Lexicon lexicon, StemmingFilter? stemmer = null)
    {
        _resources = resources;
        Lexicon = lexicon;
        _stemmer = stemmer ?? new StemmingFilter();
        _synonyms = new SynonymFilter(resources.Synonyms);
        _stopWords = new StopWordFilter(resources.StopWords);
        _spelling = new Lazy<SpellingVocabulary>(() => new SpellingVocabulary(lexicon, resources.Synonyms.PhraseWords.Concat(resources.Synonyms.Canonicals), resources.StopWords));
    }

    public Lexicon Lexicon { get; }

    public AnalysisResources Resources => _resources;

    public AnalyzedText Analyze(string text) =>
        _questions.Get(text, this, static (question, analyzer) => analyzer.Run(question, MaxQuestionCharacters, MaxQuestionTokens, correctSpelling: true));

    /// <summary>Analyzes corpus text for the index: nothing is corrected, nothing is cut.</summary>
    public AnalyzedText AnalyzeDocument(string text) => Run(text, int.MaxValue, int.MaxValue, correctSpelling: false);

    /// <summary>
    /// Analyzes the answer units of one passage (its sentences), each as <see cref="AnalyzeDocument"/> would: in one
    /// pass over the passage, with a boundary word between units that no synonym phrase can cross and that is cut out
    /// again. Building an index of a million passages spends most of its time here, and one pass costs a third of five.
    /// </summary>
    public IReadOnlyList<AnalyzedText> AnalyzeDocumentUnits(IReadOnlyList<string> units)
    {
        if (units.Count <= 1)
        {
            return units.Select(AnalyzeDocument).ToArray();
        }

        var all = AnalyzeDocument(string.Join(" " + UnitBreak + " ", units));
        var result = new AnalyzedText[units.Count];
        var (termStart, wordStart) = (0, 0);
        for (var u = 0; u < units.Count; u++)
        {
            var termEnd = termStart;
            while (termEnd < all.AllTerms.Count && all.AllTerms[termEnd].Text != UnitBreak)
            {
                termEnd++;
            }

            var wordEnd = wordStart;
            while (wordEnd < all.Words.Count && all.Words[wordEnd] != UnitBreak)
            {
                wordEnd++;
            }

            result[u] = new AnalyzedText(Slice(all.AllTerms, termStart, termEnd), []) { Words = Slice(all.Words, wordStart, wordEnd) };
            (termStart, wordStart) = (termEnd + 1, wordEnd + 1);
        }

        return result;
    }

    /// <summary>Letters and digits (so it survives tokenising), no word of any language, no stop word.</summary>
    private const string UnitBreak = "0unitbreak0";

    private static T[] Slice<T>(IReadOnlyList<T> list, int start, int end)
    {
        var slice = new T[end - start];
        for (var i = start; i < end; i++)
        {
            slice[i - start] = list[i];
        }

        return slice;
    }

    /// <summary>Every word, stop words included, normalised, in order; nothing corrected or replaced (for reading a question's wording).</summary>
    public IReadOnlyList<string> Words(string text) => _words.Get(text, this, static (question, analyzer) => analyzer.ReadWords(question));

    private string[] ReadWords(string text)
    {
        var tokens = new List<Token>();
        Tokenizer.Tokenize(TextNormalizer.Normalize(text, MaxQuestionCharacters), tokens, MaxQuestionTokens);
        _possessives.Apply(tokens);
        return tokens.Select(t => t.Text).ToArray();
    }

    /// <summary>The stems of <see cref="Words"/>.</summary>
    public IReadOnlyList<string> WordStems(string text) =>
        _wordStems.Get(text, this, static (question, analyzer) => analyzer.Words(question).Select(analyzer._stemmer.Stem).ToArray());

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
        // The corpus's words as written, for the spelling corrector; stop words it knows anyway and never corrects to.
        string[] words = correctSpelling ? [] : tokens.Where(t => !_resources.StopWords.Contains(t.Text)).Select(t => t.Text).ToArray();
        _stemmer.Apply(tokens);
        List<Correction> corrections = [];
        if (correctSpelling && Lexicon.WordCount > 0)
        {
            var corrector = new SpellingCorrector(_spelling.Value, IsKnownWord, _stemmer);
            corrector.Apply(tokens);
            corrections = corrector.Corrections;
        }

        _synonyms.Apply(tokens);
        _stopWords.Apply(tokens);
        return new AnalyzedText(tokens.Select(t => new AnalyzedTerm(t.Text, t.Stem, t.Origin)).ToArray(), corrections) { Words = words };
    }

    private bool IsKnownWord(string word) =>
        _resources.StopWords.Contains(word) || _resources.Synonyms.Canonicals.Contains(word) || _resources.Synonyms.PhraseStems.Contains(word)
        || _resources.Synonyms.PhraseWords.Contains(word);
}
