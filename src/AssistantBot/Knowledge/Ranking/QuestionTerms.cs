using AssistantBot.Knowledge.Analysis;

namespace AssistantBot.Knowledge.Ranking;

/// <summary>
/// The question's distinct stems with their weights (rarity in the corpus), the form every ranking stage reads.
/// <paramref name="Asked"/> marks the stems that say what is asked rather than which cancer it is about.
/// </summary>
public sealed class QuestionTerms
{
    public QuestionTerms(IReadOnlyList<string> stems, Func<string, double> weight, Func<string, bool> namesACancer)
    {
        Stems = stems.Distinct(StringComparer.Ordinal).ToArray();
        Weights = Stems.Select(weight).ToArray();
        Asked = Stems.Select(s => !namesACancer(s)).ToArray();
        TotalWeight = Weights.Sum();
        AskedCount = Asked.Count(a => a);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Stems.Count; i++)
        {
            index[Stems[i]] = i;
        }

        Index = index;
    }

    public IReadOnlyList<string> Stems { get; }

    public IReadOnlyList<double> Weights { get; }

    public IReadOnlyList<bool> Asked { get; }

    public double TotalWeight { get; }

    public int AskedCount { get; }

    /// <summary>Stem → its position in <see cref="Stems"/>.</summary>
    public IReadOnlyDictionary<string, int> Index { get; }

    public int Count => Stems.Count;

    public static QuestionTerms Of(AnalyzedText question, TextAnalyzer analyzer, Func<string, bool> namesACancer) =>
        new(question.AllTerms.Select(t => t.Stem).ToArray(), analyzer.Weight, namesACancer);

    /// <summary>
    /// How much of the question a set of found stems holds: the share of its weight, but no more than the share of
    /// its asked words (so a text that merely names the cancer, "Pancreatic 2.9%", does not cover "pancreatic cancer
    /// symptoms").
    /// </summary>
    public double Coverage(ReadOnlySpan<bool> found)
    {
        if (TotalWeight == 0)
        {
            return 0;
        }

        double weight = 0;
        var asked = 0;
        for (var i = 0; i < Count; i++)
        {
            if (found[i])
            {
                weight += Weights[i];
                asked += Asked[i] ? 1 : 0;
            }
        }

        var aspect = AskedCount == 0 ? 1 : (double)asked / AskedCount;
        return Math.Min(weight / TotalWeight, aspect);
    }
}
