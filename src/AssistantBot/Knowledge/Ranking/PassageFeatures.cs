using AssistantBot.Knowledge.Index;

namespace AssistantBot.Knowledge.Ranking;

/// <summary>What re-ranking knows of one candidate passage for one question.</summary>
/// <param name="Bm25">BM25F of the question's stems in heading and body (higher is better).</param>
/// <param name="Coverage">Share of the question the whole passage holds (0–1), see <see cref="QuestionTerms.Coverage"/>.</param>
/// <param name="Focus">Share of the question held by the heading and the best few consecutive sentences (0–1): high when the question's words stand together.</param>
/// <param name="BestUnit">The first answer unit of that best window.</param>
/// <param name="Cue">How many different words of the kind the question asks for (places for "where", numbers for "how many") the best window holds.</param>
/// <param name="HeadingEcho">For a heading that is a question, the share of its words (stop words too) the question repeats: "Where does it spread?" for "Where does lung cancer spread?".</param>
/// <param name="AskedFound">How many of the question's asked words (those not naming a cancer) the passage holds.</param>
/// <param name="Subject">The largest share of the question's weight held by an asked word that opens one of the passage's sentences (0–1), see <see cref="FeatureExtractor.Subject"/>; set by <see cref="Reranker"/> only for a question that asks what something is.</param>
public readonly record struct PassageFeatures(double Bm25, double Coverage, double Focus, int BestUnit, int Cue, double HeadingEcho, int AskedFound = 0, double Subject = 0);

/// <summary>Computes <see cref="PassageFeatures"/>: BM25F, coverage and focus, from the passage's stored stems.</summary>
public static class FeatureExtractor
{
    /// <summary>Consecutive answer units (sentences, list items) a question's words may spread over and still count as together.</summary>
    public const int FocusUnits = 3;

    public static PassageFeatures Extract(QuestionTerms question, IndexedPassage passage, Bm25Parameters bm25, Func<int, int, int>? cueIn = null, double headingEcho = 0)
    {
        var terms = passage.Terms;
        Span<int> inHeading = stackalloc int[question.Count];
        Span<int> inBody = stackalloc int[question.Count];
        Span<bool> found = stackalloc bool[question.Count];
        Count(question, terms.Heading, inHeading);
        for (var u = 0; u < terms.UnitCount; u++)
        {
            Count(question, terms.Unit(u), inBody);
        }

        for (var i = 0; i < question.Count; i++)
        {
            found[i] = inBody[i] > 0 || (inHeading[i] > 0 && HeadingCounts(question, i, passage.UnderTitle));
        }

        var score = bm25.Score(question, inHeading, inBody, terms.BodyLength, passage.UnderTitle);
        var coverage = question.Coverage(found);
        var (focus, bestUnit) = BestWindow(question, terms, passage.UnderTitle);
        var cue = cueIn?.Invoke(bestUnit, Math.Min(terms.UnitCount, bestUnit + FocusUnits)) ?? 0;
        var askedFound = 0;
        for (var i = 0; i < question.Count; i++)
        {
            askedFound += found[i] && question.Asked[i] ? 1 : 0;
        }

        return new PassageFeatures(score, coverage, focus, bestUnit, cue, headingEcho, askedFound);
    }

    /// <summary>
    /// Whether the passage has a sentence about what is asked: one whose first word (after stop words) is one of the
    /// question's asked words, as in "Remission is when ...", "Immunotherapy drugs exist for ...", "Bone scans help
    /// detect ...", rather than one naming it in passing ("systemic treatments (such as chemotherapy or immunotherapy)").
    /// Weighted by that word's share of the question (less when the question also names its cancer).
    /// </summary>
    public static double Subject(QuestionTerms question, PassageTerms terms)
    {
        // Only a question that asks about one thing has a subject a sentence can open with: the X of "what is X" or "how
        // does X work". With more ("symptoms of bone metastasis", "bone pain treatment") an opening word is as often a
        // list about another place ("Symptoms include:") or an aside ("The pain might be worse ...").
        if (question.TotalWeight == 0 || question.AskedCount != 1)
        {
            return 0;
        }

        double best = 0;
        for (var u = 0; u < terms.UnitCount; u++)
        {
            var unit = terms.Unit(u);
            if (unit.Length > 0 && question.Index.TryGetValue(unit[0], out var i) && question.Asked[i])
            {
                best = Math.Max(best, question.Weights[i] / question.TotalWeight);
            }
        }

        return best;
    }

    /// <summary>The share of a question-shaped heading's words the question repeats; 0 for a heading that is no question.</summary>
    public static double HeadingEcho(string heading, IReadOnlyList<string> headingWords, IReadOnlyList<string> questionWords)
    {
        if (!heading.TrimEnd().EndsWith('?') || headingWords.Count == 0)
        {
            return 0;
        }

        var asked = questionWords.ToHashSet(StringComparer.Ordinal);
        return (double)headingWords.Count(asked.Contains) / headingWords.Count;
    }

    /// <summary>The window of <see cref="FocusUnits"/> consecutive units that, with the heading, holds most of the question.</summary>
    public static (double Focus, int Start) BestWindow(QuestionTerms question, PassageTerms terms, bool underTitle = false)
    {
        Span<int> counts = stackalloc int[question.Count];
        Span<bool> found = stackalloc bool[question.Count];
        Count(question, terms.Heading, counts);
        for (var i = 0; i < question.Count; i++)
        {
            counts[i] = HeadingCounts(question, i, underTitle) ? counts[i] : 0;
        }
        if (terms.UnitCount == 0)
        {
            Found(counts, found);
            return (question.Coverage(found), 0);
        }

        var (best, bestStart) = (-1.0, 0);
        var end = Math.Min(FocusUnits, terms.UnitCount);
        for (var u = 0; u < end; u++)
        {
            Count(question, terms.Unit(u), counts);
        }

        for (var start = 0; ; start++)
        {
            Found(counts, found);
            var coverage = question.Coverage(found);
            if (coverage > best)
            {
                (best, bestStart) = (coverage, start);
            }

            if (end >= terms.UnitCount)
            {
                break;
            }

            Count(question, terms.Unit(start), counts, -1);
            Count(question, terms.Unit(end), counts);
            end++;
        }

        return (best, bestStart);
    }

    /// <summary>
    /// Whether a question term found in the heading counts as found. A heading that is only the document's title
    /// ("Metastatic lung cancer: where it spreads, symptoms, and treatment") says which cancer every passage under it is
    /// about, but not that each one is about symptoms or treatment: there it counts only for the cancer's words.
    /// </summary>
    private static bool HeadingCounts(QuestionTerms question, int term, bool underTitle) =>
        !underTitle || !question.Asked[term];

    private static void Count(QuestionTerms question, ReadOnlySpan<string> stems, Span<int> counts, int by = 1)
    {
        foreach (var stem in stems)
        {
            if (question.Index.TryGetValue(stem, out var i))
            {
                counts[i] += by;
            }
        }
    }

    private static void Found(ReadOnlySpan<int> counts, Span<bool> found)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            found[i] = counts[i] > 0;
        }
    }
}

/// <summary>
/// BM25F over heading and body. FTS5's bm25() fixes b at 0.75, which favours very short passages (a one-line
/// paragraph under a matching heading beats the list that answers); here length counts less, and a heading that is
/// only the document's title (its section heading was lost in the crawl) counts less than a real section heading.
/// </summary>
/// <param name="K1">Term-frequency saturation.</param>
/// <param name="B">Length normalisation of the body (0: none, 1: full).</param>
/// <param name="HeadingWeight">A term in a section heading counts this many times one in the body.</param>
/// <param name="TitleWeight">The same for a heading that is the document title.</param>
/// <param name="AverageLength">Average stems per passage in the corpus.</param>
public sealed record Bm25Parameters(double K1, double B, double HeadingWeight, double TitleWeight, double AverageLength)
{
    public double Score(QuestionTerms question, ReadOnlySpan<int> inHeading, ReadOnlySpan<int> inBody, int bodyLength, bool underTitle)
    {
        var norm = AverageLength <= 0 ? 1 : 1 - B + B * bodyLength / AverageLength;
        var headingWeight = underTitle ? TitleWeight : HeadingWeight;
        double score = 0;
        for (var i = 0; i < question.Count; i++)
        {
            var tf = headingWeight * inHeading[i] + inBody[i] / norm;
            if (tf > 0)
            {
                score += question.Weights[i] * tf * (K1 + 1) / (tf + K1);
            }
        }

        return score;
    }
}
