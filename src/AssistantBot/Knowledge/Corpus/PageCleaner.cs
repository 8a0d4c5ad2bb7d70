namespace AssistantBot.Knowledge.Corpus;

/// <summary>Applies the ingestion rules to a document, line by line, before it is split into passages.</summary>
public static class PageCleaner
{
    public static string Clean(string text, IReadOnlyList<IngestionRule> rules)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        foreach (var rule in rules)
        {
            Apply(rule, lines);
        }

        return string.Join('\n', lines);
    }

    public static void Apply(IngestionRule rule, List<string> lines)
    {
        switch (rule.Kind)
        {
            case RuleKind.Line:
                lines.RemoveAll(l => rule.Pattern.IsMatch(l.Trim()));
                break;
            case RuleKind.Text:
                for (var i = 0; i < lines.Count; i++)
                {
                    lines[i] = rule.Pattern.Replace(lines[i], string.Empty);
                }

                break;
            case RuleKind.Rest:
                var first = lines.FindIndex(l => rule.Pattern.IsMatch(l.Trim()));
                if (first >= 0)
                {
                    lines.RemoveRange(first, lines.Count - first);
                }

                break;
            case RuleKind.Block:
                RemoveBlocks(rule, lines);
                break;
        }
    }

    private static void RemoveBlocks(IngestionRule rule, List<string> lines)
    {
        for (var start = 0; start < lines.Count; start++)
        {
            if (!rule.Pattern.IsMatch(lines[start].Trim()))
            {
                continue;
            }

            var end = rule.Until is null ? EndOfFollowingList(lines, start) : lines.FindIndex(start + 1, l => rule.Until.IsMatch(l.Trim()));
            if (end < 0)
            {
                continue; // an unterminated block is left alone rather than swallowing the rest of the document
            }

            lines.RemoveRange(start, end - start + 1);
            start--;
        }
    }

    /// <summary>The last line of the list (and blank lines inside it) that follows <paramref name="start"/>.</summary>
    private static int EndOfFollowingList(List<string> lines, int start)
    {
        var end = start;
        for (var i = start + 1; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (PassageSplitter.IsListItem(line))
            {
                end = i;
            }
            else if (line.Length > 0)
            {
                break;
            }
        }

        // Trailing blank lines go with the block, so no double gap is left behind.
        while (end + 1 < lines.Count && lines[end + 1].Trim().Length == 0)
        {
            end++;
        }

        return end;
    }
}
