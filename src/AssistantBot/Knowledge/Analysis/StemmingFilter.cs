using System.Collections.Concurrent;

namespace AssistantBot.Knowledge.Analysis;

/// <summary>
/// Fourth stage: sets each token's Porter stem, so "treated", "treating" and "treats" compare equal. A corpus has a
/// few tens of thousands of distinct words, so stems are remembered (up to a bound) rather than recomputed.
/// </summary>
public sealed class StemmingFilter : ITokenFilter
{
    private const int MaxRemembered = 200_000;
    private readonly ConcurrentDictionary<string, string> _stems = new(StringComparer.Ordinal);

    public void Apply(List<Token> tokens)
    {
        foreach (var token in tokens)
        {
            token.Stem = Stem(token.Text);
        }
    }

    public string Stem(string word)
    {
        if (_stems.TryGetValue(word, out var stem))
        {
            return stem;
        }

        stem = PorterStemmer.Stem(word);
        if (_stems.Count < MaxRemembered)
        {
            _stems.TryAdd(word, stem);
        }

        return stem;
    }
}
