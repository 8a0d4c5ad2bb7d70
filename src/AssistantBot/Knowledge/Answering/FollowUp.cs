using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Ranking;

namespace AssistantBot.Knowledge.Answering;

/// <summary>
/// What the conversation last got an answer about: the analysed terms of the question that was answered, kept in
/// the conversation's state so a follow-up ("How is it treated?", "What about the brain?") can be read in its light.
/// </summary>
public sealed class KnowledgeTopic
{
    /// <summary>The answered question's terms (canonical forms).</summary>
    public List<string> Terms { get; set; } = [];

    /// <summary>Their stems, in the same order.</summary>
    public List<string> Stems { get; set; } = [];

    /// <summary>When the answer was given; an old topic is not carried into a new question.</summary>
    public DateTimeOffset AnsweredAt { get; set; }

    public static KnowledgeTopic Of(AnalyzedText analysis, DateTimeOffset answeredAt) => new()
    {
        Terms = analysis.AllTerms.Select(t => t.Text).ToList(),
        Stems = analysis.AllTerms.Select(t => t.Stem).ToList(),
        AnsweredAt = answeredAt,
    };
}

/// <summary>
/// Reads an under-specified question as a follow-up of the conversation's topic. A question is a follow-up when it
/// says little of its own (at most one word beyond facets, such as a site, an aspect like symptoms or treatment, or a
/// type, and cancers; that word one the corpus knows) and either carries on ("and ...", "what about ...") or points
/// back ("it", "that", "she") in no more than two terms without naming a cancer. Its terms then join the topic's,
/// each replacing the topic's terms of the same facet: "What about the brain?" after "symptoms of bone metastasis"
/// asks about symptoms of brain metastasis; "How is it treated?" asks about treating bone metastasis. A question that
/// names its own subject ("If lung cancer spreads to the liver, is it liver cancer?") is left as it is, so a new
/// question never inherits an old topic.
/// </summary>
public static class FollowUp
{
    /// <summary>Words that point back to what was said before.</summary>
    private static readonly HashSet<string> Pointers = new(StringComparer.Ordinal)
    {
        "it", "itself", "that", "this", "they", "them", "those", "these", "there", "she", "he", "her", "him",
    };

    /// <summary>Words that carry on from what was said before when they open the question.</summary>
    private static readonly string[][] Openings = [["and"], ["what", "about"], ["how", "about"], ["also"], ["what", "if"]];

    /// <summary>How many of a follow-up's own terms may be neither facet nor cancer words.</summary>
    private const int MaxOwnTerms = 1;

    /// <summary>A question that only points back ("is it ...") is a follow-up when it is this short.</summary>
    private const int MaxPointingTerms = 2;

    /// <returns>The question with the topic's terms added, or null when it is not a follow-up of <paramref name="topic"/>.</returns>
    public static AnalyzedText? Expand(AnalyzedText question, IReadOnlyList<string> words, KnowledgeTopic? topic, QuestionCues cues, CancerTopics cancers, Lexicon lexicon)
    {
        if (topic is null || topic.Terms.Count == 0 || question.IsEmpty)
        {
            return null;
        }

        var own = question.AllTerms.Where(t => cues.FacetOf(t.Stem) is null && !cancers.NamesACancer(t.Stem)).ToList();
        if (own.Count > MaxOwnTerms || own.Any(t => !lexicon.ContainsStem(t.Stem)))
        {
            return null; // a subject of its own, or a word the sources never use ("what about the parking?")
        }

        var stems = question.AllTerms.Select(t => t.Stem).ToList();
        var namesCancer = cancers.Named(stems).Count > 0 || question.AllTerms.Any(t => cues.FacetOf(t.Stem) == "type");
        var pointsBack = words.Any(Pointers.Contains) && !namesCancer && question.AllTerms.Count <= MaxPointingTerms;
        if (!CarriesOn(words) && !pointsBack)
        {
            return null;
        }

        var facets = question.AllTerms.Select(t => cues.FacetOf(t.Stem)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var present = stems.ToHashSet(StringComparer.Ordinal);
        var carried = new List<AnalyzedTerm>();
        for (var i = 0; i < topic.Terms.Count && i < topic.Stems.Count; i++)
        {
            var stem = topic.Stems[i];
            var facet = cues.FacetOf(stem);
            var replaced = (facet is not null && facets.Contains(facet))
                || (namesCancer && (cancers.NamesACancer(stem) || facet == "type") && !IsCancerNoun(stem, cancers));
            if (!replaced && present.Add(stem))
            {
                carried.Add(new AnalyzedTerm(topic.Terms[i], stem, TermOrigin.Context));
            }
        }

        // The topic's terms go first: the question's own words then follow their own context, so "liver" asked after
        // "lung cancer" is not read as "liver cancer" by a noun that happens to follow it.
        return carried.Count == 0 ? null : new AnalyzedText(carried.Concat(question.AllTerms).ToArray(), question.Corrections);
    }

    private static bool CarriesOn(IReadOnlyList<string> words) =>
        Openings.Any(o => o.Length <= words.Count && o.Select((w, i) => words[i] == w).All(x => x));

    // "cancer" itself stays: a follow-up about another cancer is still about a cancer.
    private static bool IsCancerNoun(string stem, CancerTopics cancers) => cancers.IsNoun(stem);
}
