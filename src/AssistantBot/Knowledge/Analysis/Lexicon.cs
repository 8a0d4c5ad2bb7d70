namespace AssistantBot.Knowledge.Analysis;

/// <summary>
/// The corpus vocabulary as the search index saw it. Two views: the analysed terms (canonical forms, with their stems
/// and how many passages hold each stem) tell the matcher and the query planner how rare, so how telling, a term is;
/// the words as written (before synonyms replace them, so "symptoms" as well as its canonical "symptom") tell the
/// spelling corrector which words exist.
/// </summary>
public sealed class Lexicon
{
    public static readonly Lexicon Empty = new([], 0);

    private readonly Dictionary<string, int> _terms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _stems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);

    /// <param name="terms">Each distinct analysed term with its stem and how many passages hold it.</param>
    /// <param name="passageCount">How many passages the corpus has.</param>
    /// <param name="stems">How many passages hold each stem; when absent, the largest count of the stem's terms.</param>
    /// <param name="words">The words as written with their passage counts; when absent, the terms.</param>
    public Lexicon(IEnumerable<LexiconEntry> terms, int passageCount, IEnumerable<KeyValuePair<string, int>>? stems = null, IEnumerable<KeyValuePair<string, int>>? words = null)
    {
        PassageCount = passageCount;
        foreach (var (term, stem, passages) in terms)
        {
            _terms[term] = passages;
            if (stems is null)
            {
                _stems[stem] = Math.Max(_stems.GetValueOrDefault(stem), passages);
            }
        }

        foreach (var (stem, passages) in stems ?? [])
        {
            _stems[stem] = passages;
        }

        foreach (var (word, passages) in words ?? _terms)
        {
            _words[word] = passages;
        }
    }

    public int PassageCount { get; }

    /// <summary>How many analysed terms a passage holds on average (heading and body): BM25's length normalisation.</summary>
    public double AveragePassageTerms { get; init; }

    /// <summary>How many distinct words as written.</summary>
    public int WordCount => _words.Count;

    public int StemCount => _stems.Count;

    /// <summary>The words as written, with how many passages hold each (the spelling corrector's candidates).</summary>
    public IReadOnlyDictionary<string, int> Words => _words;

    public bool ContainsWord(string word) => _words.ContainsKey(word) || _terms.ContainsKey(word);

    public bool ContainsStem(string stem) => _stems.ContainsKey(stem);

    public int PassagesWithWord(string word) => _words.TryGetValue(word, out var n) ? n : _terms.GetValueOrDefault(word);

    public int PassagesWithStem(string stem) => _stems.GetValueOrDefault(stem);

    /// <summary>
    /// BM25's inverse document frequency. A stem the corpus never uses weighs as much as the rarest possible one:
    /// a question word the sources do not know is exactly what they cannot answer.
    /// </summary>
    public double Idf(string stem)
    {
        var n = PassagesWithStem(stem);
        return Math.Log(1 + (PassageCount - n + 0.5) / (n + 0.5));
    }
}

/// <param name="Word">The analysed term (its canonical form).</param>
public readonly record struct LexiconEntry(string Word, string Stem, int Passages);
