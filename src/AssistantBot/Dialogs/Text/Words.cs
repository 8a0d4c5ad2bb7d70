using System.Text;

namespace AssistantBot.Dialogs.Text;

/// <summary>A word of a message and the clause it is in (clauses end at punctuation).</summary>
public readonly record struct Word(string Text, int Clause);

/// <summary>
/// Splits a message into lowercase words, keeping every word (unlike retrieval's analysis, which drops stop words):
/// safety and commands need "no", "not", "I" and "my". Curly apostrophes become straight ones; a '.' between digits
/// stays in the number; other punctuation ends a clause.
/// </summary>
public static class Words
{
    private const string ClauseEnds = ".,;:!?()[]\n\r\u2014\u2013";

    public static IReadOnlyList<Word> WithClauses(string text)
    {
        var words = new List<Word>();
        var current = new StringBuilder();
        var clause = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = char.ToLowerInvariant(text[i]);
            if (c is '\u2019' or '\u2018' or '`')
            {
                c = '\'';
            }

            var inNumber = c == '.' && current.Length > 0 && char.IsDigit(current[^1]) && i + 1 < text.Length && char.IsDigit(text[i + 1]);
            if (char.IsLetterOrDigit(c) || inNumber || (c == '\'' && current.Length > 0))
            {
                current.Append(c);
                continue;
            }

            Flush(words, current, clause);
            if (ClauseEnds.Contains(c))
            {
                clause++;
            }
        }

        Flush(words, current, clause);
        return words;
    }

    public static IReadOnlyList<string> Of(string text) => WithClauses(text).Select(w => w.Text).ToList();

    /// <summary>The words joined by single spaces: "Patient  Advocate!" → "patient advocate".</summary>
    public static string Normalize(string text) => string.Join(' ', Of(text));

    /// <summary>True when <paramref name="phrase"/> occurs in <paramref name="words"/> as consecutive words.</summary>
    public static bool ContainsSequence(IReadOnlyList<string> words, IReadOnlyList<string> phrase)
    {
        for (var start = 0; start + phrase.Count <= words.Count; start++)
        {
            var i = 0;
            while (i < phrase.Count && words[start + i] == phrase[i])
            {
                i++;
            }

            if (i == phrase.Count && phrase.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static void Flush(List<Word> words, StringBuilder current, int clause)
    {
        var word = current.ToString().TrimEnd('\'');
        if (word.Length > 0)
        {
            words.Add(new Word(word, clause));
        }

        current.Clear();
    }
}
