using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Index;
using AssistantBot.Knowledge.Ranking;
using Microsoft.Extensions.Options;

namespace AssistantBot.Knowledge.Answering;

/// <summary>
/// Question → answer (the responder, the tools and the evaluation share it): analyse; read an under-specified
/// follow-up with the conversation's topic; plan the FTS5 query from document frequencies and fetch candidates; drop
/// passages about another cancer than the question's; re-rank (<see cref="Reranker"/>); answer from the best, joined
/// with its neighbour when that one is strong too, when confidence clears the threshold. Nothing is sent from here.
/// </summary>
public sealed class KnowledgeSearch(KnowledgeIndex index, IOptions<KnowledgeOptions> options)
{
    private static readonly QueryPlannerSettings PlannerSettings = new();

    /// <summary>A neighbouring passage of the same section joins the answer when it is at least this relevant relative to the best.</summary>
    private const double JoinStrength = 0.5;

    /// <summary>How much a passage that holds only one of several things asked is trusted, relative to its coverage.</summary>
    private const double PartialAnswer = 0.8;

    /// <summary>A passage is strong enough for a related question when it scores this share of the best one.</summary>
    private const double RelatedStrength = 0.15;

    // Answers to questions read on their own, per corpus version (a rebuilt index starts afresh).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IndexGeneration, Caching.BoundedMemo<KnowledgeResult>> _standalone = new();

    /// <summary>The FTS5 query for an analysed question, planned on the index's document frequencies.</summary>
    public static QueryPlan Plan(AnalyzedText analysis, Lexicon lexicon) =>
        QueryPlanner.Plan(analysis.AllTerms.Select(t => (t.Stem, lexicon.PassagesWithStem(t.Stem))).ToList(), lexicon.PassageCount, PlannerSettings);

    /// <summary>The question's analysis with the current corpus's analyzer (for remembering it as a topic).</summary>
    public AnalyzedText Analyze(string question) => index.Analyzer.Analyze(question);

    /// <summary>Whether the question would be read as a follow-up of <paramref name="topic"/>.</summary>
    public bool IsFollowUp(string question, KnowledgeTopic? topic)
    {
        if (topic is null || question.Length > options.Value.MaxQuestionCharacters)
        {
            return false;
        }

        var generation = index.Current;
        var analyzer = index.Analyzer;
        return generation is not null && FollowUp.Expand(analyzer.Analyze(question), analyzer.Words(question), topic, generation.Cues, generation.Cancers, analyzer.Lexicon) is not null;
    }

    /// <param name="topic">What the conversation last got an answer about; an under-specified follow-up is read in its light.</param>
    public KnowledgeResult Ask(string question, KnowledgeTopic? topic = null)
    {
        var settings = options.Value;
        if (question.Length > settings.MaxQuestionCharacters)
        {
            return Unanswered(question, KnowledgeOutcome.TooLong, AnalyzedText.Empty, [], new HashSet<string>());
        }

        using var lease = index.Acquire();
        var generation = lease.Generation;
        var analyzer = generation.Analyzer;
        var analysis = analyzer.Analyze(question);
        if (analysis.IsEmpty)
        {
            return Unanswered(question, KnowledgeOutcome.NoQuestion, analysis, [], new HashSet<string>());
        }

        var words = analyzer.Words(question);
        var followUp = FollowUp.Expand(analysis, words, topic, generation.Cues, generation.Cancers, analyzer.Lexicon);
        if (followUp is null)
        {
            // Read on its own, the answer depends on the words and the corpus only: worked out once per text and corpus.
            return _standalone.GetValue(generation, static _ => new()).Get(question, (Search: this, lease.Session, Generation: generation, Analysis: analysis),
                static (text, asked) => asked.Search.Answer(text, asked.Session, asked.Generation, asked.Analysis, isFollowUp: false));
        }

        return Answer(question, lease.Session, generation, followUp, isFollowUp: true);
    }

    private KnowledgeResult Answer(string question, SearchSession session, IndexGeneration generation, AnalyzedText analysis, bool isFollowUp)
    {
        var settings = options.Value;
        var analyzer = generation.Analyzer;
        var stems = analysis.AllTerms.Select(t => t.Stem).ToList();
        var named = generation.Cancers.Named(stems);
        var about = named.Count > 0 ? named : generation.Cancers.Assumed is { } assumed ? new HashSet<string> { assumed } : named;
        var wordStems = analyzer.WordStems(question);
        var kinds = generation.Cues.Detect(wordStems);
        var namesItsCancer = NamesItsCancer(generation.Cancers, about);
        var ranked = Rank(session, generation, analysis, kinds, wordStems, about, namesItsCancer, explicitly: named.Count > 0, settings);
        if (named.Count == 0 && about.Count > 0 && (ranked.Count == 0 || ranked[0].Coverage < settings.ConfidenceThreshold))
        {
            // Named no cancer and the assumed one's sources do not cover it: a passage of any document may answer a
            // question that is about no cancer in particular ("What is RANKL?"); its source says which cancer it is about.
            var anyDocument = Rank(session, generation, analysis, kinds, wordStems, new HashSet<string>(), namesItsCancer, explicitly: false, settings);
            if (anyDocument.Count > 0 && (ranked.Count == 0 || anyDocument[0].Coverage > ranked[0].Coverage))
            {
                (about, ranked) = (new HashSet<string>(), anyDocument);
            }
        }

        if (ranked.Count == 0)
        {
            return Unanswered(question, KnowledgeOutcome.NotCovered, analysis, ranked, about) with { FollowUp = isFollowUp };
        }

        var best = ranked[0];
        var confidence = Confidence(best, QuestionTerms.Of(analysis, analyzer, namesItsCancer));
        var answer = new KnowledgeAnswer(
            best,
            AnswerComposer.Compose(WithNeighbour(best, ranked), analysis, analyzer, settings.MaxAnswerCharacters),
            Source.Of(best.Passage.Document),
            confidence,
            Related(ranked, question, settings.RelatedQuestions));
        var outcome = confidence >= settings.ConfidenceThreshold ? KnowledgeOutcome.Answered : KnowledgeOutcome.NotCovered;
        return new KnowledgeResult(question, outcome, analysis, answer, ranked, about) { FollowUp = isFollowUp };
    }

    /// <summary>
    /// Whether a passage may answer a question about <paramref name="cancers"/>: its document is about one of them, or
    /// its document is general and, when the question named its cancer, the passage is not about a different cancer
    /// (unless it also mentions the asked one).
    /// </summary>
    public static bool Fits(IndexedPassage passage, IReadOnlySet<string> cancers, bool explicitly, CancerTopics topics)
    {
        if (cancers.Count == 0)
        {
            return true;
        }

        var documentCancers = passage.Document.Cancers;
        if (documentCancers.Count > 0)
        {
            return documentCancers.Overlaps(cancers);
        }

        if (!explicitly)
        {
            return true;
        }

        var named = topics.Named(passage.Stems);
        return named.Count == 0 || named.Overlaps(cancers) || topics.Mentioned(passage.Stems).Overlaps(cancers);
    }

    private static List<RankedPassage> Rank(SearchSession session, IndexGeneration generation, AnalyzedText analysis, IReadOnlyList<CueKind> kinds, IReadOnlyList<string> wordStems, IReadOnlySet<string> cancers, Func<string, bool> namesItsCancer, bool explicitly, KnowledgeOptions settings)
    {
        var hits = session.Search(Plan(analysis, generation.Analyzer.Lexicon), settings.HeadingWeight, settings.Candidates);
        var question = QuestionTerms.Of(analysis, generation.Analyzer, namesItsCancer);
        var reranker = new Reranker(question, kinds, wordStems, generation.Analyzer, settings.HeadingWeight);
        var ranked = new List<RankedPassage>(hits.Count);
        foreach (var hit in hits)
        {
            if (session.Passage(hit.PassageId) is not { } passage || !Fits(passage, cancers, explicitly, generation.Cancers))
            {
                continue;
            }

            var features = reranker.Features(passage);
            ranked.Add(new RankedPassage(passage, Reranker.Relevance(features), features.Coverage, features));
        }

        ranked.Sort((a, b) => b.Relevance.CompareTo(a.Relevance));
        return ranked;
    }

    /// <summary>
    /// Which of a question's stems only name its cancer (<paramref name="about"/>: named, or assumed); the rest are what it
    /// asks, which a passage must hold to cover it. Fixed before any any-document fallback, which keeps the question's words.
    /// </summary>
    public static Func<string, bool> NamesItsCancer(CancerTopics cancers, IReadOnlySet<string> about) =>
        stem => cancers.NamesOneOf(stem, about);

    /// <summary>
    /// The best passage's coverage; but a question that asks about two or more things is not answered by a passage
    /// that holds only one of them ("Does a biopsy hurt?" is not answered by what a biopsy is), whatever their weights.
    /// </summary>
    public static double Confidence(RankedPassage best, QuestionTerms question) =>
        question.AskedCount >= 2 && best.Features.AskedFound < 2 ? best.Coverage * PartialAnswer : best.Coverage;

    /// <summary>
    /// The best passage's text, joined with the passage next to it in the same section when that one is strong too:
    /// the splitter cuts sections at paragraphs, and an answer often runs on into the next paragraph ("Other factors
    /// include ... performance status (PS)." then "PS is how well a person is able to perform everyday tasks.").
    /// The composer then keeps the run of sentences that answers best, from either.
    /// </summary>
    public static string WithNeighbour(RankedPassage best, IReadOnlyList<RankedPassage> ranked)
    {
        var neighbour = ranked
            .Where(r => Math.Abs(r.Passage.Id - best.Passage.Id) == 1 && r.Passage.Document.Id == best.Passage.Document.Id
                && r.Passage.Heading == best.Passage.Heading && r.Relevance >= best.Relevance * JoinStrength)
            .MaxBy(r => r.Relevance);
        return neighbour is null ? best.Passage.Text
            : neighbour.Passage.Id < best.Passage.Id ? neighbour.Passage.Text + "\n" + best.Passage.Text
            : best.Passage.Text + "\n" + neighbour.Passage.Text;
    }

    private static IReadOnlyList<string> Related(List<RankedPassage> ranked, string question, int count)
    {
        var best = ranked[0];
        var asked = question.Trim().TrimEnd('?').Trim();
        return ranked.Skip(1)
            // A heading that is only the document's title names no section a question could lead back to
            // ("How is metastatic lung cancer: where it spreads, symptoms, and treated?").
            .Where(r => !r.Passage.UnderTitle && r.Passage.Heading != best.Passage.Heading && r.Relevance >= best.Relevance * RelatedStrength)
            .Select(r => RelatedQuestions.FromHeading(r.Passage.Heading))
            .Where(q => !string.Equals(q.TrimEnd('?'), asked, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(count)
            .ToList();
    }

    private static KnowledgeResult Unanswered(string question, KnowledgeOutcome outcome, AnalyzedText analysis, IReadOnlyList<RankedPassage> ranked, IReadOnlySet<string> cancers) =>
        new(question, outcome, analysis, null, ranked, cancers);
}
