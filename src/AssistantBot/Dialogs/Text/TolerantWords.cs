using AssistantBot.Knowledge.Analysis;

namespace AssistantBot.Dialogs.Text;

/// <summary>
/// Compares words the way retrieval does (Porter stems; a typo taken for the closest known word within retrieval's
/// edit budget) but keeps every word, since safety phrases and commands live on "no", "not", "I" and "my".
/// The known words are the vocabulary of the phrases being matched, so "siezure" meets "seizure" and "cancle" meets
/// "cancel". Beyond retrieval's budget, a four-letter word may have two neighbouring letters swapped ("chest pian"):
/// the short words of symptoms and commands are where a swap is the likeliest typo. Shorter words are never bent.
/// </summary>
public sealed class TolerantWords
{
    private static readonly StemmingFilter Stemmer = new();
    private readonly HashSet<string> _stems;
    private readonly ILookup<int, string> _wordsByLength;

    public TolerantWords(IEnumerable<string> vocabulary)
    {
        var words = vocabulary.Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        _stems = words.Select(Stemmer.Stem).ToHashSet(StringComparer.Ordinal);
        _wordsByLength = words.ToLookup(w => w.Length);
    }

    /// <summary>The word's stem, or the stem of the known word it is a typo of.</summary>
    public string Normalize(string word)
    {
        var stem = Stemmer.Stem(word);
        if (_stems.Contains(stem) || word.Length < SpellingCorrector.MinLength - 1 || !word.All(char.IsLetter))
        {
            return stem;
        }

        if (word.Length < SpellingCorrector.MinLength)
        {
            return _wordsByLength[word.Length].FirstOrDefault(known => IsOneSwap(word, known)) is { } swapped ? Stemmer.Stem(swapped) : stem;
        }

        var budget = SpellingCorrector.MaxDistance(word.Length);
        string? closest = null;
        var closestDistance = budget + 1;
        for (var length = word.Length - budget; length <= word.Length + budget; length++)
        {
            foreach (var known in _wordsByLength[length])
            {
                var distance = EditDistance.Bounded(word, known, budget);
                if (distance < closestDistance)
                {
                    (closest, closestDistance) = (known, distance);
                }
            }
        }

        return closest is null ? stem : Stemmer.Stem(closest);
    }

    private static bool IsOneSwap(string word, string known)
    {
        var differences = Enumerable.Range(0, word.Length).Where(i => word[i] != known[i]).ToList();
        return differences is [var first, var second] && second == first + 1 && word[first] == known[second] && word[second] == known[first];
    }
}
