namespace AssistantBot.Knowledge.Analysis;

/// <summary>
/// The corpus vocabulary as the search index saw it: each word with its stem and the number of passages holding it.
/// It tells the spelling corrector which words exist and the matcher how rare (how telling) each stem is.
/// </summary>
public sealed class Lexicon
{
    public static readonly Lexicon Empty = new([], 0);

    private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _stems = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<string>> _wordsByLength = [];

    /// <param name="entries">Each distinct word with its stem and how many passages hold it.</param>
    /// <param name="passageCount">How many passages the corpus has.</param>
    public Lexicon(IEnumerable<LexiconEntry> entries, int passageCount)
    {
        PassageCount = passageCount;
        foreach (var (word, stem, passages) in entries)
        {
            _words[word] = passages;
            _stems[stem] = Math.Max(_stems.GetValueOrDefault(stem), passages);
            if (!_wordsByLength.TryGetValue(word.Length, out var sameLength))
            {
                _wordsByLength[word.Length] = sameLength = [];
            }

            sameLength.Add(word);
        }
    }

    public int PassageCount { get; }

    public int WordCount => _words.Count;

    public bool ContainsWord(string word) => _words.ContainsKey(word);

    public bool ContainsStem(string stem) => _stems.ContainsKey(stem);

    public int PassagesWithWord(string word) => _words.GetValueOrDefault(word);

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

    public IReadOnlyList<string> WordsOfLength(int length) =>
        _wordsByLength.TryGetValue(length, out var words) ? words : [];
}

public readonly record struct LexiconEntry(string Word, string Stem, int Passages);
