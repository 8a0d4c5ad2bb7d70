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
        var i = 0;
        while (i < normalized.Length && tokens.Count < maxTokens)
        {
            if (normalized[i] == '%')
            {
                tokens.Add(new Token(PercentWord));
                i++;
                continue;
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

            var length = i - start;
            if (length <= MaxTokenLength)
            {
                tokens.Add(new Token(normalized.Substring(start, length)));
            }
        }
    }

    private static bool IsInnerApostrophe(string text, int i) => IsInnerApostrophe(text.AsSpan(), i);

    internal static bool IsInnerApostrophe(ReadOnlySpan<char> text, int i)
    {
        if (text[i] != '\'' || i == 0 || !char.IsLetter(text[i - 1]))
        {
            return false;
        }

        var nextIsLetter = i + 1 < text.Length && char.IsLetter(text[i + 1]);
        return nextIsLetter || text[i - 1] == 's';
    }
}
