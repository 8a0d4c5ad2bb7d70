using AssistantBot.Dialogs.Model;
using AssistantBot.Dialogs.Text;

namespace AssistantBot.Dialogs.Faqs;

/// <summary>A scripted dialog (a FAQ or a flow) that a message asks for, and how sure the match is, from 0 to 1.</summary>
public sealed record DialogMatch(FaqDialog? Faq, FlowDialog? Flow, double Confidence)
{
    public string Id => Faq?.Id ?? Flow!.Id;
}

/// <summary>
/// Matches a message to the trigger phrasings of FAQs and flows. Both sides go through the same analysis as
/// retrieval (stop words, synonyms, stems, typos); the confidence is a weighted Dice overlap of their terms, where a
/// term shared by many dialogs ("lung", "cancer") weighs little and a term no trigger knows ("pancreatic") weighs
/// most, so that a question about something else falls below the threshold and goes on to retrieval.
/// </summary>
public sealed class FaqMatcher(ITextAnalysis analysis)
{
    private readonly DialogSetCache<TriggerIndex> _index = new(set => new TriggerIndex(set, analysis));

    public DialogMatch? BestMatch(DialogSet set, string text) => _index.For(set).BestMatch(analysis.Terms(text));

    private sealed class TriggerIndex
    {
        private readonly List<(FaqDialog? Faq, FlowDialog? Flow, HashSet<string> Terms)> _triggers = [];
        private readonly Dictionary<string, double> _weights = new(StringComparer.Ordinal);
        private readonly double _unknownWeight;

        public TriggerIndex(DialogSet set, ITextAnalysis analysis)
        {
            foreach (var faq in set.Faqs)
            {
                _triggers.AddRange(faq.Triggers.Select(t => ((FaqDialog?)faq, (FlowDialog?)null, analysis.Terms(t).ToHashSet(StringComparer.Ordinal))));
            }

            foreach (var flow in set.Flows)
            {
                _triggers.AddRange(flow.Triggers.Select(t => ((FaqDialog?)null, (FlowDialog?)flow, analysis.Terms(t).ToHashSet(StringComparer.Ordinal))));
            }

            // Inverse document frequency over dialogs (not triggers), so a FAQ with many phrasings does not dilute its own words.
            var dialogs = set.Faqs.Count + set.Flows.Count;
            var documentFrequency = _triggers
                .GroupBy(t => (object?)t.Faq ?? t.Flow)
                .SelectMany(g => g.SelectMany(t => t.Terms).Distinct())
                .GroupBy(term => term)
                .ToDictionary(g => g.Key, g => g.Count());
            foreach (var (term, count) in documentFrequency)
            {
                _weights[term] = Math.Log(1 + (double)dialogs / count);
            }

            _unknownWeight = Math.Log(1 + dialogs / 0.5);
        }

        public DialogMatch? BestMatch(IReadOnlyList<string> terms)
        {
            var question = terms.ToHashSet(StringComparer.Ordinal);
            if (question.Count == 0)
            {
                return null;
            }

            var questionWeight = question.Sum(Weight);
            DialogMatch? best = null;
            foreach (var (faq, flow, trigger) in _triggers)
            {
                var shared = trigger.Where(question.Contains).Sum(Weight);
                var confidence = 2 * shared / (questionWeight + trigger.Sum(Weight));
                if (confidence > (best?.Confidence ?? 0))
                {
                    best = new DialogMatch(faq, flow, confidence);
                }
            }

            return best;
        }

        private double Weight(string term) => _weights.TryGetValue(term, out var weight) ? weight : _unknownWeight;
    }
}
