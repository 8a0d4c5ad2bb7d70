namespace AssistantBot.Knowledge.Analysis;

/// <summary>
/// Fifth stage, for questions only: a word neither the corpus, the synonyms nor the stop list knows is taken for the
/// closest known word, within one edit for words of 5 to 7 letters and two edits from 8 (a swap of neighbours counts
/// as one), the more frequent word winning a tie. Shorter words are too ambiguous to correct ("lng" could be anything),
/// and a distance budget this tight keeps off-topic words ("weather") from being bent into corpus words ("whether").
/// It runs before the synonyms, so the words of every synonym phrase are known words and candidates too: otherwise
/// "inhibitor" (in the corpus only inside "tyrosine kinase inhibitors", indexed as <c>tki</c>) would be "corrected"
/// to some other word and the synonym never reached.
/// </summary>
public sealed class SpellingCorrector(SpellingVocabulary vocabulary, Func<string, bool> isKnown, StemmingFilter stemmer) : ITokenFilter
{
    public const int MinLength = 5;

    public List<Correction> Corrections { get; } = [];

    public void Apply(List<Token> tokens)
    {
        foreach (var token in tokens)
        {
            if (token.Text.Length < MinLength || !IsAllLetters(token.Text) || IsKnown(token))
            {
                continue;
            }

            if (vocabulary.Closest(token.Text, MaxDistance(token.Text.Length)) is { } correction)
            {
                Corrections.Add(new Correction(token.Text, correction));
                token.Text = correction;
                token.Stem = stemmer.Stem(correction);
                token.Origin = TermOrigin.Corrected;
            }
        }
    }

    public static int MaxDistance(int length) => length switch
    {
        < MinLength => 0,
        < 8 => 1,
        _ => 2,
    };

    private bool IsKnown(Token token) =>
        vocabulary.Contains(token.Text) || vocabulary.ContainsStem(token.Stem) || isKnown(token.Text) || isKnown(token.Stem);

    private static bool IsAllLetters(string word)
    {
        foreach (var c in word)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// The words a typo may be taken for: the corpus's words as written, and the words of the synonym phrases (a
/// visitor may misspell "inhibitor" even though the index only holds <c>tki</c>). Built once per corpus version.
/// </summary>
public sealed class SpellingVocabulary
{
    private readonly Lexicon _lexicon;
    private readonly Dictionary<string, int> _frequency = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string[]> _byLength;

    /// <param name="lexicon">The corpus's words with their passage counts, and its stems.</param>
    /// <param name="extraWords">Words known without being in the corpus text (synonym phrases); they count as rare.</param>
    /// <param name="stopWords">Never a correction: a typo taken for a stop word would vanish from the question ("cover" is not "over").</param>
    public SpellingVocabulary(Lexicon lexicon, IEnumerable<string> extraWords, IReadOnlySet<string>? stopWords = null)
    {
        _lexicon = lexicon;
        foreach (var (word, passages) in lexicon.Words)
        {
            _frequency[word] = passages;
        }

        foreach (var word in extraWords)
        {
            _frequency.TryAdd(word, 0);
        }

        foreach (var word in stopWords ?? new HashSet<string>())
        {
            _frequency.Remove(word);
        }

        _byLength = _frequency.Keys.GroupBy(w => w.Length).ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToArray());
    }

    public bool IsEmpty => _frequency.Count == 0;

    public bool Contains(string word) => _frequency.ContainsKey(word) || _lexicon.ContainsWord(word);

    public bool ContainsStem(string stem) => _lexicon.ContainsStem(stem);

    /// <summary>The known word nearest to <paramref name="word"/> within <paramref name="budget"/> edits; the more frequent wins a tie.</summary>
    public string? Closest(string word, int budget)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = -1;
        for (var length = word.Length - budget; length <= word.Length + budget; length++)
        {
            if (!_byLength.TryGetValue(length, out var candidates))
            {
                continue;
            }

            foreach (var candidate in candidates)
            {
                var distance = EditDistance.Bounded(word, candidate, Math.Min(budget, bestDistance));
                if (distance > budget)
                {
                    continue;
                }

                var frequency = _frequency[candidate];
                if (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency))
                {
                    (best, bestDistance, bestFrequency) = (candidate, distance, frequency);
                }
            }
        }

        return best;
    }
}

/// <summary>Optimal string alignment distance (Levenshtein plus swaps of adjacent letters), given up past a bound.</summary>
public static class EditDistance
{
    /// <returns>The distance, or <paramref name="bound"/> + 1 when it is larger than the bound.</returns>
    public static int Bounded(string a, string b, int bound)
    {
        if (Math.Abs(a.Length - b.Length) > bound)
        {
            return bound + 1;
        }

        // Three rows in one buffer (words are at most Tokenizer.MaxTokenLength long), rotated by offset: the corrector
        // compares a typo with thousands of words of a large corpus, so no allocation per comparison.
        var width = b.Length + 1;
        Span<int> rows = width * 3 <= 256 ? stackalloc int[width * 3] : new int[width * 3];
        int previous2 = 0, previous = width, current = 2 * width;
        for (var j = 0; j <= b.Length; j++)
        {
            rows[previous + j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            rows[current] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(rows[previous + j] + 1, rows[current + j - 1] + 1), rows[previous + j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, rows[previous2 + j - 2] + 1);
                }

                rows[current + j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > bound)
            {
                return bound + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return Math.Min(rows[previous + b.Length], bound + 1);
    }
}
