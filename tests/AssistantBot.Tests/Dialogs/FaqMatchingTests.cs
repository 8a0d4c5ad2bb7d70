using System.Globalization;
using AssistantBot.Dialogs;
using AssistantBot.Dialogs.Faqs;
using AssistantBot.Dialogs.Loading;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace AssistantBot.Tests.Dialogs;

/// <summary>
/// FAQ matching is tolerant (synonyms, stems, typos, lay words) yet only wins when it really matches: the other
/// phrasings of Dialogs/faq-phrasings.yaml find their FAQ above the threshold, and questions no FAQ answers stay below.
/// </summary>
public sealed class FaqMatchingTests(AssistantFactory factory, ITestOutputHelper output) : IClassFixture<AssistantFactory>
{
    [Fact]
    public void Every_trigger_finds_its_own_dialog_with_full_confidence()
    {
        var (matcher, dialogs, _) = Services();

        foreach (var (id, trigger) in dialogs.Faqs.SelectMany(f => f.Triggers.Select(t => (f.Id, t))).Concat(dialogs.Flows.SelectMany(f => f.Triggers.Select(t => (f.Id, t)))))
        {
            var match = matcher.BestMatch(dialogs, trigger);
            Assert.True(match?.Id == id && match.Confidence > 0.99, $"\"{trigger}\" found {match?.Id} ({match?.Confidence:0.00}), not {id}");
        }
    }

    [Fact]
    public void Other_phrasings_find_their_dialog_above_the_threshold()
    {
        var (matcher, dialogs, threshold) = Services();
        var wrong = new List<string>();
        foreach (var (id, phrasings) in Phrasings.Load().Faqs.Concat(Phrasings.Load().Flows))
        {
            foreach (var phrasing in phrasings)
            {
                var match = matcher.BestMatch(dialogs, phrasing);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{match?.Confidence:0.00} {match?.Id} <- \"{phrasing}\""));
                if (match?.Id != id || match.Confidence < threshold)
                {
                    wrong.Add(string.Create(CultureInfo.InvariantCulture, $"\"{phrasing}\" found {match?.Id} ({match?.Confidence:0.00}), not {id}"));
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void Questions_no_faq_answers_stay_below_the_threshold()
    {
        var (matcher, dialogs, threshold) = Services();

        var matched = Phrasings.Load().NotFaqs
            .Select(q => (Question: q, Match: matcher.BestMatch(dialogs, q)))
            .Select(m =>
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Match?.Confidence:0.00} {m.Match?.Id} <- \"{m.Question}\""));
                return m;
            })
            .Where(m => m.Match is { } match && match.Confidence >= threshold)
            .Select(m => string.Create(CultureInfo.InvariantCulture, $"\"{m.Question}\" found {m.Match!.Id} ({m.Match.Confidence:0.00})"))
            .ToList();

        Assert.True(matched.Count == 0, string.Join(Environment.NewLine, matched));
    }

    [Fact]
    public void A_faq_covers_every_dialog_in_the_phrasing_set()
    {
        var (_, dialogs, _) = Services();
        var set = Phrasings.Load();

        Assert.Empty(dialogs.Faqs.Select(f => f.Id).Except(set.Faqs.Keys));
        Assert.Empty(set.Faqs.Keys.Except(dialogs.Faqs.Select(f => f.Id)));
    }

    private (FaqMatcher Matcher, AssistantBot.Dialogs.Model.DialogSet Dialogs, double Threshold) Services() =>
        (factory.Services.GetRequiredService<FaqMatcher>(),
         factory.Services.GetRequiredService<IDialogCatalog>().Current,
         factory.Services.GetRequiredService<IOptions<DialogOptions>>().Value.FaqMinimumConfidence);

    private sealed class Phrasings
    {
        public Dictionary<string, List<string>> Faqs { get; set; } = [];

        public Dictionary<string, List<string>> Flows { get; set; } = [];

        public List<string> NotFaqs { get; set; } = [];

        public static Phrasings Load() => TestYaml.Load<Phrasings>(Path.Combine(RepoPaths.Tests, "AssistantBot.Tests", "Dialogs", "faq-phrasings.yaml"));
    }
}
