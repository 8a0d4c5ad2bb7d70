using System.Text;
using AssistantBot.Knowledge.Analysis;

namespace AssistantBot.Knowledge.Answering;

/// <summary>
/// The answer is the corpus's own words: the whole passage when it is short enough, otherwise the run of consecutive
/// sentences (and list items, with the sentence introducing their list) that holds most of what was asked.
/// Nothing is rephrased or generated.
/// </summary>
public static class AnswerComposer
{
    public static string Compose(string passage, AnalyzedText question, TextAnalyzer analyzer, int maxCharacters)
    {
        if (passage.Length <= maxCharacters)
        {
            return passage;
        }

        var units = SentenceSplitter.Split(passage);
        var scores = units.Select(u => Score(u.Text, question, analyzer)).ToArray();
        var (bestStart, bestEnd, bestScore) = (0, 0, double.MinValue);
        for (var start = 0; start < units.Count; start++)
        {
            var (score, length) = (0.0, 0);
            for (var end = start; end < units.Count; end++)
            {
                length += units[end].Text.Length + 1;
                if (length > maxCharacters && end > start)
                {
                    break;
                }

                score += scores[end];
                if (score > bestScore)
                {
                    (bestStart, bestEnd, bestScore) = (start, end, score);
                }
            }
        }

        var chosen = Enumerable.Range(bestStart, bestEnd - bestStart + 1).ToList();
        if (units[bestStart].Intro is { } intro && !chosen.Contains(intro))
        {
            chosen.Insert(0, intro);
        }

        return Join(units, chosen);
    }

    private static double Score(string text, AnalyzedText question, TextAnalyzer analyzer)
    {
        var stems = analyzer.AnalyzeDocument(text).Stems;
        return question.Stems.Where(stems.Contains).Sum(analyzer.Weight);
    }

    private static string Join(IReadOnlyList<AnswerUnit> units, List<int> chosen)
    {
        var text = new StringBuilder();
        AnswerUnit? previous = null;
        foreach (var unit in chosen.Select(i => units[i]))
        {
            if (previous is not null)
            {
                text.Append(previous.Line == unit.Line ? ' ' : '\n');
            }

            text.Append(unit.Text);
            previous = unit;
        }

        return text.ToString();
    }
}
