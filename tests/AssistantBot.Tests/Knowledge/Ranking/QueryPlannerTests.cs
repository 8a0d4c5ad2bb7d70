using AssistantBot.Knowledge.Index;

namespace AssistantBot.Tests.Knowledge.Ranking;

public sealed class QueryPlannerTests
{
    private static readonly QueryPlannerSettings Settings = new(RankedRows: 2_000, CommonShare: 0.02, CountedRows: 10_000);

    private static QueryPlan Plan(params (string, int)[] terms) => QueryPlanner.Plan(terms, 1_000_000, Settings);

    [Fact]
    public void Terms_in_few_passages_together_are_simply_ranked_by_bm25()
    {
        var plan = Plan(("seer", 800), ("rate", 900));

        Assert.Equal(QueryMode.RankedAny, plan.Mode);
        Assert.Equal(["seer", "rate"], plan.TermTexts);
    }

    [Fact]
    public void Selective_terms_are_ranked_together_and_common_ones_left_to_re_ranking()
    {
        var plan = Plan(("cancer", 400_000), ("trial", 3_700), ("clinic", 4_500), ("lung", 200_000));

        Assert.Equal(QueryMode.RankedAll, plan.Mode);
        Assert.Equal(["trial", "clinic"], plan.TermTexts);
        Assert.Equal(QueryMode.CountedAny, plan.Fallback!.Mode);
        Assert.Equal(["trial", "clinic"], plan.Fallback.TermTexts);
    }

    [Fact]
    public void A_counted_fallback_reads_no_more_rows_than_its_budget()
    {
        var plan = Plan(("spine", 1_400), ("numb", 3_900), ("leg", 4_500), ("serious", 5_000));

        Assert.Equal(["spine", "numb", "leg"], plan.Fallback!.TermTexts); // 9,800 rows; the fourth would pass 10,000
    }

    [Fact]
    public void Common_words_only_take_the_first_passages_holding_the_two_rarest()
    {
        var plan = Plan(("cancer", 400_000), ("lung", 200_000), ("stage4", 300_000));

        Assert.Equal(QueryMode.FirstAll, plan.Mode);
        Assert.Equal(["lung", "stage4"], plan.TermTexts);
        Assert.Null(plan.Fallback);
    }

    [Fact]
    public void One_selective_term_goes_with_the_next_rarest_then_alone_never_counted()
    {
        var plan = Plan(("cancer", 400_000), ("palliative", 15_000));

        Assert.Equal(QueryMode.FirstAll, plan.Mode);
        Assert.Equal(["palliative", "cancer"], plan.TermTexts);
        Assert.Equal(QueryMode.FirstAll, plan.Fallback!.Mode);
        Assert.Equal(["palliative"], plan.Fallback.TermTexts);
    }

    [Fact]
    public void Terms_the_corpus_never_uses_are_asked_as_they_are()
    {
        var plan = Plan(("parking", 0));

        Assert.Equal(QueryMode.RankedAny, plan.Mode);
        Assert.Equal(["parking"], plan.TermTexts);
    }
}

public sealed class PlanExecutionTests
{
    [Fact]
    public void A_plan_that_finds_too_few_runs_its_fallback_and_keeps_each_passage_once()
    {
        using var knowledge = new KnowledgeFixture();
        using var lease = knowledge.Index.Acquire();
        var lexicon = lease.Generation.Analyzer.Lexicon;
        var stems = new[] { "hypercalcemia", "jaundice" }.Select(s => (s, lexicon.PassagesWithStem(s))).ToList();
        var together = new QueryPlan(QueryMode.RankedAll, stems);
        var either = new QueryPlan(QueryMode.CountedAny, stems);

        var all = lease.Session.Search(together, 2.0, 40);
        var withFallback = lease.Session.Search(together with { Fallback = either }, 2.0, 40);

        Assert.True(stems.All(s => s.Item2 > 0));
        Assert.True(withFallback.Count > all.Count);
        Assert.Equal(stems.Sum(s => s.Item2), withFallback.Count); // no passage holds both, none is listed twice
        Assert.Equal(withFallback.Count, withFallback.Select(h => h.PassageId).Distinct().Count());
    }
}
