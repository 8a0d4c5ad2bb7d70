namespace AssistantBot.Knowledge.Analysis;

/// <summary>
/// Second stage: words are runs of letters and digits. An apostrophe inside a word, or after a final s, stays for the
/// possessive stage. Everything else (punctuation, symbols, emoji, FTS5 operators such as quotes, *, ^, brackets and
/// colons) separates words and is gone from here on, which is why user text can never reach the index as syntax.
/// The one symbol that is a word is the percent sign: "9%" is read as "9 percent", as the other sources write it.
/// </summary>
public static class Tokenizer
{
    /// <summary>Longer runs are not words (pasted hashes, held-down keys) and are skipped.</summary>
    public const int MaxTokenLength = 40;

    public const string PercentWord = "percent";

    public static void Tokenize(string normalized, List<Token> tokens, int maxTokens)
    {
        var position = 0;
        while (tokens.Count < maxTokens && TryRead(normalized, ref position, out var word, out var isPercent))
        {
            tokens.Add(new Token(isPercent ? PercentWord : normalized[word]));
        }
    }

    /// <summary>
    /// The next word of <paramref name="normalized"/> from <paramref name="position"/> on (which moves past it): its range,
    /// or the percent sign, read as <see cref="PercentWord"/>. False at the end. The index build reads spans with it.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<char> normalized, ref int position, out Range word, out bool isPercent)
    {
        var i = position;
        while (i < normalized.Length)
        {
            if (normalized[i] == '%')
            {
                (position, word, isPercent) = (i + 1, i..(i + 1), true);
                return true;
            }

            if (!char.IsLetterOrDigit(normalized[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < normalized.Length && (char.IsLetterOrDigit(normalized[i]) || IsInnerApostrophe(normalized, i)))
            {
                i++;
            }

            if (i - start <= MaxTokenLength)
            {
                (position, word, isPercent) = (i, start..i, false);
                return true;
            }
        }

        (position, word, isPercent) = (i, default, false);
        return false;
    }

    private static bool IsInnerApostrophe(ReadOnlySpan<char> text, int i)
    {
        if (text[i] != '\'' || i == 0 || !char.IsLetter(text[i - 1]))
        {
            return false;
        }

        var nextIsLetter = i + 1 < text.Length && char.IsLetter(text[i + 1]);
        return nextIsLetter || text[i - 1] == 's';
    }
}
