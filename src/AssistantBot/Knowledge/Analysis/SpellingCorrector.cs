namespace AssistantBot.Knowledge.Analysis;

/// <summary>
/// Fifth stage, for questions only: a word neither the corpus, the synonyms nor the stop list knows is taken for the
/// closest corpus word, within one edit for words of 5 to 7 letters and two edits from 8 (a swap of neighbours counts
/// as one), the more frequent word winning a tie. Shorter words are too ambiguous to correct ("lng" could be anything),
/// and a distance budget this tight keeps off-topic words ("weather") from being bent into corpus words ("whether").
/// </summary>
public sealed class SpellingCorrector(Lexicon lexicon, Func<string, bool> isKnown, StemmingFilter stemmer) : ITokenFilter
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

            if (FindClosest(token.Text) is { } correction)
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
        lexicon.ContainsWord(token.Text) || lexicon.ContainsStem(token.Stem) || isKnown(token.Text) || isKnown(token.Stem);

    private string? FindClosest(string word)
    {
        var budget = MaxDistance(word.Length);
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = -1;
        for (var length = word.Length - budget; length <= word.Length + budget; length++)
        {
            foreach (var candidate in lexicon.WordsOfLength(length))
            {
                var distance = EditDistance.Bounded(word, candidate, Math.Min(budget, bestDistance));
                if (distance > budget)
                {
                    continue;
                }

                var frequency = lexicon.PassagesWithWord(candidate);
                if (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency))
                {
                    (best, bestDistance, bestFrequency) = (candidate, distance, frequency);
                }
            }
        }

        return best;
    }

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

        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > bound)
            {
                return bound + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return Math.Min(previous[b.Length], bound + 1);
    }
}
