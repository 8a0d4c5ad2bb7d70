namespace AssistantBot.Knowledge.Index;

/// <summary>How FTS5 is asked for candidates.</summary>
public enum QueryMode
{
    /// <summary>Any of the terms, best bm25() first: exact, and cheap while the terms are in few passages together.</summary>
    RankedAny,

    /// <summary>All of the terms, best bm25() first: bm25() is computed only for passages holding every term.</summary>
    RankedAll,

    /// <summary>
    /// Any of the terms, without bm25(): each term's passages are listed and the passages holding the most (rarest)
    /// terms are kept; re-ranking then scores those few. Used when ranking every passage with any term would be slow.
    /// </summary>
    CountedAny,

    /// <summary>All of the terms, the first passages found, unranked: for questions of common words only, where even
    /// the passages holding all of them are too many to rank with bm25(); re-ranking orders what was found.</summary>
    FirstAll,
}

/// <param name="Terms">The terms FTS5 is asked about (canonical forms) with how many passages hold each, rarest first.</param>
/// <param name="Fallback">When this plan finds too few passages, the plan to run next.</param>
public sealed record QueryPlan(QueryMode Mode, IReadOnlyList<(string Term, int Passages)> Terms, QueryPlan? Fallback = null)
{
    public IEnumerable<string> TermTexts => Terms.Select(t => t.Term);

    public override string ToString() =>
        $"{Mode}({string.Join(", ", Terms.Select(t => $"{t.Term}:{t.Passages}"))}){(Fallback is null ? string.Empty : " else " + Fallback)}";
}

/// <param name="RankedRows">Up to this many passages (the sum of the terms' document frequencies) are simply ranked by bm25().</param>
/// <param name="CommonShare">A term in more than this share of passages says too little to select candidates with (re-ranking still counts it).</param>
/// <param name="CountedRows">The most passage ids a counted query reads; the most common of its terms are left out past it
/// (listing ids costs about half a microsecond each, so this bounds the slowest plan to a few milliseconds).</param>
public sealed record QueryPlannerSettings(int RankedRows = 2_000, double CommonShare = 0.02, int CountedRows = 10_000);

/// <summary>
/// Plans the FTS5 query from the terms' document frequencies (how many passages hold each, from the index's own
/// counts). On a small corpus, or for rare terms, it is the plain "any term, best bm25() first". On a large corpus
/// a question's common words ("cancer", "lung") are in hundreds of thousands of passages, and bm25() over all of
/// them takes seconds: then the rarer terms select candidates, all of them together first (AND), and when that
/// finds too few, any of them, counted rather than ranked, within a bounded number of rows. Common terms are left to
/// re-ranking, which reads every candidate's stems.
/// </summary>
public static class QueryPlanner
{
    public static QueryPlan Plan(IReadOnlyList<(string Term, int Passages)> terms, int passageCount, QueryPlannerSettings settings)
    {
        var ordered = terms.Where(t => t.Passages > 0).DistinctBy(t => t.Term).OrderBy(t => t.Passages).ThenBy(t => t.Term, StringComparer.Ordinal).ToList();
        if (ordered.Count == 0)
        {
            // Terms the corpus never uses match nothing; asking costs nothing either.
            return new QueryPlan(QueryMode.RankedAny, terms.DistinctBy(t => t.Term).ToList());
        }

        if (ordered.Sum(t => (long)t.Passages) <= settings.RankedRows)
        {
            return new QueryPlan(QueryMode.RankedAny, ordered);
        }

        var common = Math.Max(settings.RankedRows, (int)(settings.CommonShare * passageCount));
        var selective = ordered.Where(t => t.Passages <= common).ToList();
        if (selective.Count == 0)
        {
            // Only common words ("stage 4 lung cancer"): passages with the two rarest, as found. Intersecting more
            // lists of hundreds of thousands of passages costs more than it narrows.
            return new QueryPlan(QueryMode.FirstAll, ordered.Take(2).ToList());
        }

        var counted = new List<(string, int)>();
        long rows = 0;
        foreach (var term in selective)
        {
            if (rows + term.Passages > settings.CountedRows)
            {
                break;
            }

            counted.Add(term);
            rows += term.Passages;
        }

        // Counting one term ranks nothing (every passage scores the same): its first passages do as well, far cheaper.
        var fallback = counted.Count > 1
            ? new QueryPlan(QueryMode.CountedAny, counted)
            : new QueryPlan(QueryMode.FirstAll, [selective[0]]);
        return selective.Count > 1
            ? new QueryPlan(QueryMode.RankedAll, selective, fallback)
            : new QueryPlan(QueryMode.FirstAll, ordered.Take(2).ToList(), fallback); // the one selective term with the next, then alone
    }
}
