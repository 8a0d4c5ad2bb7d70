using System.Text.RegularExpressions;

namespace AssistantBot.Knowledge.Corpus;

/// <summary>
/// Splits a cleaned document into passages. The sources are plain text, so structure is read from layout:
/// blocks are separated by blank lines; a short line without closing punctuation is a section heading; a paragraph
/// ending in a colon keeps the list that follows it (and loses its last sentence when the list is missing, as happens
/// in crawled pages); a list item asking a question is a question-and-answer passage of its own. Every passage keeps
/// the heading of its section (the document title before the first heading). Crawls also lose headings and leave
/// a double blank line where they were: in a document that normally separates paragraphs by one blank line, a gap
/// wider than the one before it ends the section, so text after it is not filed under a heading that does not describe it.
/// </summary>
public static partial class PassageSplitter
{
    public const string Bullet = "• ";

    private const int MaxHeadingLength = 100;
    private const int MaxHeadingWords = 15;

    /// <summary>Neighbouring paragraphs of a section are joined while shorter than this together (tuned on the evaluation set).</summary>
    private const int MergeUpTo = 450;

    /// <summary>Above this share of double gaps, a document simply spaces its paragraphs widely.</summary>
    private const double MaxShareOfWideGaps = 0.3;

    private static readonly HashSet<string> DanglingEndings = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "of", "the", "to", "with", "a", "an", "include", "includes", "such", "as", "for", "by",
    };

    public static IReadOnlyList<PassageDraft> Split(string cleanedText, string title)
    {
        var blocks = ReadBlocks(cleanedText);
        DropTitleLine(blocks, title);
        var passages = new List<PassageDraft>();
        var heading = title;
        var gapsMarkLostHeadings = blocks.Count(b => b.GapBefore >= 2) < blocks.Count * MaxShareOfWideGaps;
        var previousWasHeading = false;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            var next = i + 1 < blocks.Count ? blocks[i + 1] : null;
            var widerGap = block.GapBefore >= 2 && (i == 0 || block.GapBefore > blocks[i - 1].GapBefore);
            if (gapsMarkLostHeadings && widerGap && !previousWasHeading)
            {
                heading = title;
            }

            previousWasHeading = false;
            if (!block.IsList && IsHeading(block.Lines[0]) && (block.Lines.Count > 1 || next is not null))
            {
                heading = block.Lines[0];
                previousWasHeading = block.Lines.Count == 1;
                if (block.Lines.Count > 1)
                {
                    passages.Add(new PassageDraft(heading, string.Join('\n', block.Lines.Skip(1))));
                }

                continue;
            }

            if (block.IsList)
            {
                i += AddListPassages(block, next, heading, passages);
                continue;
            }

            var text = string.Join('\n', block.Lines);
            if (text.EndsWith(':'))
            {
                if (next is { IsList: true } && !IsQuestionList(next))
                {
                    passages.Add(new PassageDraft(heading, text + "\n" + string.Join('\n', next.Lines)));
                    i++;
                    continue;
                }

                text = WithoutLastSentence(text);
            }

            if (text.Length > 0)
            {
                passages.Add(new PassageDraft(heading, text));
            }
        }

        return MergeShort(passages);
    }

    /// <summary>
    /// Joins neighbouring paragraphs of one section while together they stay short: a one-sentence paragraph
    /// ("Lung cancer often has no symptoms in its early stages.") is better read, and ranked, with the text around it.
    /// </summary>
    private static List<PassageDraft> MergeShort(List<PassageDraft> passages)
    {
        var merged = new List<PassageDraft>();
        foreach (var passage in passages)
        {
            if (merged.Count > 0 && merged[^1].Heading == passage.Heading && merged[^1].Text.Length + passage.Text.Length < MergeUpTo)
            {
                merged[^1] = merged[^1] with { Text = merged[^1].Text + "\n" + passage.Text };
            }
            else
            {
                merged.Add(passage);
            }
        }

        return merged;
    }

    public static bool IsListItem(string line) => ListMarker().IsMatch(line);

    /// <summary>A line that reads as a heading: short, starts like a title, and does not end like a sentence or mid-sentence.</summary>
    public static bool IsHeading(string line)
    {
        if (line.Length is 0 or > MaxHeadingLength || IsListItem(line) || !(char.IsUpper(line[0]) || char.IsDigit(line[0])))
        {
            return false;
        }

        if (line[^1] is '.' or ',' or ';' or ':' or '!' or '…')
        {
            return false;
        }

        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= MaxHeadingWords && !DanglingEndings.Contains(words[^1]);
    }

    /// <returns>How many blocks after this one were used.</returns>
    private static int AddListPassages(Block list, Block? next, string heading, List<PassageDraft> passages)
    {
        if (!IsQuestionList(list))
        {
            passages.Add(new PassageDraft(heading, string.Join('\n', list.Lines)));
            return 0;
        }

        // A question alone in its item is answered by the paragraph under it; otherwise the answer follows the "?".
        if (list.Lines.Count == 1 && QuestionOf(list.Lines[0]) is { Answer.Length: 0 } single && next is { IsList: false })
        {
            passages.Add(new PassageDraft(single.Question, string.Join('\n', next.Lines)));
            return 1;
        }

        foreach (var item in list.Lines)
        {
            if (QuestionOf(item) is { Answer.Length: > 0 } qa)
            {
                passages.Add(new PassageDraft(qa.Question, qa.Answer));
            }
        }

        return 0;
    }

    private static bool IsQuestionList(Block list) => list.Lines.All(l => QuestionOf(l) is not null);

    private static (string Question, string Answer)? QuestionOf(string item)
    {
        var text = item[Bullet.Length..];
        var mark = text.IndexOf('?');
        if (mark < 0 || mark > MaxHeadingLength)
        {
            return null;
        }

        return (text[..(mark + 1)].Trim(), text[(mark + 1)..].TrimStart('.', ' ').Trim());
    }

    private static string WithoutLastSentence(string text)
    {
        var cut = Math.Max(text.LastIndexOf(". ", StringComparison.Ordinal), text.LastIndexOf('\n'));
        return cut < 0 ? string.Empty : text[..(cut + 1)].Trim();
    }

    private static void DropTitleLine(List<Block> blocks, string title)
    {
        if (blocks.Count > 0 && !blocks[0].IsList && string.Equals(blocks[0].Lines[0], title, StringComparison.OrdinalIgnoreCase))
        {
            blocks[0].Lines.RemoveAt(0);
            if (blocks[0].Lines.Count == 0)
            {
                blocks.RemoveAt(0);
            }
        }
    }

    /// <summary>Blocks of non-blank lines; list items get one bullet style, and a line right under an item continues it.</summary>
    private static List<Block> ReadBlocks(string text)
    {
        var blocks = new List<Block>();
        Block? current = null;
        var gap = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = Whitespace().Replace(raw.Trim(), " ");
            if (line.Length == 0)
            {
                current = null;
                gap++;
                continue;
            }

            if (IsListItem(line))
            {
                if (current is not { IsList: true })
                {
                    blocks.Add(current = new Block(isList: true, gap));
                }

                current.Lines.Add(Bullet + ListMarker().Replace(line, string.Empty));
            }
            else if (current is { IsList: true })
            {
                current.Lines[^1] += " " + line;
            }
            else
            {
                if (current is null)
                {
                    blocks.Add(current = new Block(isList: false, gap));
                }

                current.Lines.Add(line);
            }

            gap = 0;
        }

        return blocks;
    }

    [GeneratedRegex(@"^(?:[•·▪◦‣*-]\s+|\d{1,2}[.)]\s+)")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed class Block(bool isList, int gapBefore)
    {
        public bool IsList { get; } = isList;

        /// <summary>Blank lines before the block.</summary>
        public int GapBefore { get; } = gapBefore;

        public List<string> Lines { get; } = [];
    }
}
