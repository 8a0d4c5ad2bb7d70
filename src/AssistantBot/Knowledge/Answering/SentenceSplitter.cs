using System.Text.RegularExpressions;

namespace AssistantBot.Knowledge.Answering;

/// <summary>
/// Splits passage text into the units an answer can be cut to: sentences of paragraphs, and list items, each list
/// item remembering the sentence that introduces its list so it is never shown without it.
/// </summary>
public static partial class SentenceSplitter
{
    public static IReadOnlyList<AnswerUnit> Split(string text)
    {
        var units = new List<AnswerUnit>();
        int? intro = null;
        var lines = text.Split('\n');
        for (var lineNumber = 0; lineNumber < lines.Length; lineNumber++)
        {
            var line = lines[lineNumber];
            if (line.StartsWith(Corpus.PassageSplitter.Bullet, StringComparison.Ordinal))
            {
                units.Add(new AnswerUnit(line, lineNumber, IsListItem: true, intro));
                continue;
            }

            intro = null;
            foreach (var sentence in Boundary().Split(line))
            {
                if (sentence.Trim().Length > 0)
                {
                    units.Add(new AnswerUnit(sentence.Trim(), lineNumber, IsListItem: false, null));
                }
            }

            if (line.TrimEnd().EndsWith(':'))
            {
                intro = units.Count - 1;
            }
        }

        return units;
    }

    // After . ! or ? and a space, before a capital, digit or quote; not after common abbreviations or initials.
    [GeneratedRegex(@"(?<=(?<!\b(?:e\.g|i\.e|Dr|Mr|Mrs|Ms|vs|St|M\.D|Ph\.D|et al|[A-Z]))[.!?])\s+(?=[A-Z0-9“""‘'(])")]
    private static partial Regex Boundary();
}

/// <param name="Text">The sentence or list item, as written.</param>
/// <param name="Line">The line of the passage it is on; units on different lines are shown on different lines.</param>
/// <param name="IsListItem">Whether it is an item of a list.</param>
/// <param name="Intro">For a list item, the index of the unit introducing its list.</param>
public sealed record AnswerUnit(string Text, int Line, bool IsListItem, int? Intro);
