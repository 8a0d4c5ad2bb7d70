using System.Collections.Concurrent;

namespace AssistantBot.Knowledge.Analysis;

/// <summary>The index build's analysis of corpus text: the same terms as the chain, worked out once per distinct word.</summary>
public sealed partial class TextAnalyzer
{
    /// <summary>The strings of every <see cref="DocumentTerm"/> this analyzer gave, numbered.</summary>
    public TermTable DocumentTerms { get; } = new();

    /// <summary>
    /// The index build's form of <see cref="AnalyzeDocument"/>: appends exactly its <see cref="AnalyzedText.AllTerms"/>
    /// and <see cref="AnalyzedText.Words"/> to <paramref name="terms"/> and <paramref name="words"/>, with each term's and
    /// stem's number in <see cref="DocumentTerms"/>, but works out each distinct word's possessive form, stem and
    /// stop-word status once (corpus vocabularies are small and Zipfian, so nearly every word is a hit) and allocates no
    /// token, substring or lower-cased copy per word. Safe on any thread.
    /// </summary>
    public void AnalyzeDocumentInto(string text, List<DocumentTerm> terms, List<DocumentTerm> words)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var normalized = TryLowerAscii(text, out var lowered) ? lowered : TextNormalizer.Normalize(text, int.MaxValue).AsSpan();
        var sequence = DocumentSequence ??= [];
        sequence.Clear();
        var position = 0;
        while (Tokenizer.TryRead(normalized, ref position, out var token, out var isPercent))
        {
            Add(DocumentWordOf(isPercent ? Tokenizer.PercentWord : normalized[token]));
        }

        // SynonymFilter then StopWordFilter, in one pass: a phrase becomes its canonical term, which no stop word removes.
        for (var k = 0; k < sequence.Count;)
        {
            var word = sequence[k];
            if (word.StartsPhrase && _resources.Synonyms.LongestMatch(sequence, k, static w => w.Term.Stem) is { } match)
            {
                var id = DocumentTerms.Id(match.Canonical);
                terms.Add(new DocumentTerm(match.Canonical, match.Canonical, id, id, IsSynonym: true));
                k += match.Length;
                continue;
            }

            if (!word.IsStopWord)
            {
                terms.Add(word.Term);
            }

            k++;
        }

        void Add(DocumentWord word)
        {
            // PossessiveFilter drops a word that was only apostrophes; the words as written leave out stop words.
            if (word.Term.Text.Length == 0)
            {
                return;
            }

            sequence.Add(word);
            if (!word.IsStopWord)
            {
                words.Add(word.Term);
            }
        }
    }

    /// <summary>A word of corpus text after the possessive and stemming stages, with what the later stages ask of it.</summary>
    private sealed record DocumentWord(DocumentTerm Term, bool IsStopWord, bool StartsPhrase);

    private const int MaxDocumentWords = 200_000;

    private readonly ConcurrentDictionary<string, DocumentWord> _documentWords = new(StringComparer.Ordinal);
    private int _documentWordCount;

    [ThreadStatic]
    private static List<DocumentWord>? DocumentSequence;

    /// <summary>
    /// This thread's copy of the words the analyzer knows (a plain dictionary, looked up by span, is several times
    /// cheaper than the shared concurrent one, and every word of a million passages is looked up).
    /// </summary>
    [ThreadStatic]
    private static Dictionary<string, DocumentWord>? DocumentWords;

    [ThreadStatic]
    private static TextAnalyzer? DocumentWordsOwner;

    [ThreadStatic]
    private static Dictionary<string, DocumentWord>.AlternateLookup<ReadOnlySpan<char>> DocumentWordsLookup;

    [ThreadStatic]
    private static char[]? Lowered;

    private DocumentWord DocumentWordOf(ReadOnlySpan<char> token)
    {
        var cache = DocumentWords ??= new Dictionary<string, DocumentWord>(StringComparer.Ordinal);
        if (DocumentWordsOwner != this)
        {
            cache.Clear();
            DocumentWordsOwner = this;
            DocumentWordsLookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        if (DocumentWordsLookup.TryGetValue(token, out var known))
        {
            return known;
        }

        var raw = token.ToString();
        if (_documentWords.TryGetValue(raw, out known))
        {
            cache.TryAdd(raw, known);
            return known;
        }

        var tokens = new List<Token> { new(raw) };
        _possessives.Apply(tokens);
        var text = tokens.Count == 0 ? string.Empty : tokens[0].Text;
        var stem = text.Length == 0 ? string.Empty : _stemmer.Stem(text);
        var term = text.Length == 0 ? new DocumentTerm(text, stem, -1, -1, false) : new DocumentTerm(text, stem, DocumentTerms.Id(text), DocumentTerms.Id(stem), false);
        var word = new DocumentWord(term, _resources.StopWords.Contains(text), _resources.Synonyms.StartsPhrase(stem));
        if (Volatile.Read(ref _documentWordCount) < MaxDocumentWords)
        {
            word = _documentWords.GetOrAdd(raw, word);
            Interlocked.Increment(ref _documentWordCount);
            cache.TryAdd(raw, word);
        }

        return word;
    }

    /// <summary>What <see cref="TextNormalizer.Normalize"/> gives plain ASCII text, in a reused buffer; false for other text.</summary>
    private static bool TryLowerAscii(string text, out ReadOnlySpan<char> lowered)
    {
        lowered = default;
        var buffer = Lowered is { } b && b.Length >= text.Length ? b : Lowered = new char[Math.Max(text.Length, 1024)];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is < ' ' or > '~')
            {
                return false;
            }

            buffer[i] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }

        lowered = buffer.AsSpan(0, text.Length);
        return true;
    }
}
