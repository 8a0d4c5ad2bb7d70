using AssistantBot.Dialogs.Model;
using AssistantBot.Dialogs.Text;
using AssistantBot.Knowledge;
using AssistantBot.Knowledge.Analysis;
using Microsoft.Extensions.Options;

namespace AssistantBot.Dialogs.Faqs;

/// <summary>A scripted dialog (a FAQ or a flow) that a message asks for, and how sure the match is, from 0 to 1.</summary>
public sealed record DialogMatch(FaqDialog? Faq, FlowDialog? Flow, double Confidence)
{
    public string Id => Faq?.Id ?? Flow!.Id;
}

/// <summary>
/// Matches a message to the trigger phrasings of FAQs and flows with retrieval's own analysis and scoring
/// (the current corpus's <see cref="ITextAnalyzer"/>: synonyms, stop words, stems, typos; the F1 of rarity-weighted shared terms), so a
/// phrasing is as tolerant here as in search. A word the corpus never uses weighs the most, so a question about
/// something else ("pancreatic cancer symptoms") stays below the threshold and goes on to retrieval.
/// Analysis drops question words, so "where does lung cancer spread" and "how does lung cancer spread" analyse
/// alike; such ties go to the trigger sharing more of the message's words as written. A message longer than
/// retrieval takes as a question is no FAQ either: analysis keeps each term once, so a long ramble would otherwise
/// look like a short trigger; retrieval asks for a shorter question.
/// </summary>
public sealed class FaqMatcher(KnowledgeIndex index, IOptions<KnowledgeOptions> options)
{
    // Triggers are analysed once per dialog set and corpus version: a new corpus brings new vocabulary and weights.
    // The best match of a text is remembered with them, for the same reason.
    private readonly DialogSetCache<Triggers> _triggers = new(set => new Triggers(
        set.Faqs.SelectMany(f => f.Triggers.Select(t => new Trigger(f, null, index.Analyzer.Analyze(t), Words.Of(t).ToHashSet(StringComparer.Ordinal))))
            .Concat(set.Flows.SelectMany(f => f.Triggers.Select(t => new Trigger(null, f, index.Analyzer.Analyze(t), Words.Of(t).ToHashSet(StringComparer.Ordinal)))))
            .ToList()));

    public DialogMatch? BestMatch(DialogSet set, string text)
    {
        if (text.Length > options.Value.MaxQuestionCharacters)
        {
            return null;
        }

        var analyzer = index.Analyzer;
        var triggers = _triggers.For(set, analyzer);
        return triggers.Best.Get(text, (triggers.List, analyzer), static (text, s) => Best(s.List, s.analyzer, text));
    }

    private static DialogMatch? Best(List<Trigger> triggers, ITextAnalyzer analyzer, string text)
    {
        var question = analyzer.Analyze(text);
        if (question.IsEmpty)
        {
            return null;
        }

        var words = Words.Of(text);
        DialogMatch? best = null;
        var bestShared = 0;
        foreach (var trigger in triggers)
        {
            var score = analyzer.Match(question, trigger.Analyzed).Score;
            if (score <= 0 || score < (best?.Confidence ?? 0))
            {
                continue;
            }

            var shared = words.Count(trigger.Words.Contains);
            if (best is null || score > best.Confidence || shared > bestShared)
            {
                (best, bestShared) = (new DialogMatch(trigger.Faq, trigger.Flow, score), shared);
            }
        }

        return best;
    }

    private sealed record Trigger(FaqDialog? Faq, FlowDialog? Flow, AnalyzedText Analyzed, HashSet<string> Words);

    private sealed record Triggers(List<Trigger> List)
    {
        public Caching.BoundedMemo<DialogMatch?> Best { get; } = new();
    }
}
