using AssistantBot.Knowledge.Evaluation;
using AssistantBot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AssistantBot.Tests.Knowledge;

/// <summary>
/// The question set in tests/eval/questions.yaml against the real corpus. The floors are the figures last measured
/// (docs/knowledge.md), less a small margin: a change that makes retrieval worse fails here.
/// </summary>
public sealed class EvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void The_question_set_meets_its_floors()
    {
        using var knowledge = new KnowledgeFixture();
        var set = EvaluationSet.Load(Path.Combine(RepoPaths.Tests, "eval", "questions.yaml"));

        var report = new Evaluator(knowledge.Search).Run(set);
        output.WriteLine(report.Summary());

        Assert.True(set.Questions.Count(q => !q.Unanswerable) >= 60, "The set needs at least 60 answerable questions.");
        Assert.True(report.Unanswerable.Count >= 10, "The set needs at least 10 unanswerable questions.");
        Assert.True(report.RecallAt1 >= 0.87, $"Recall@1 {report.RecallAt1:0.000} fell below its floor");
        Assert.True(report.RecallAt3 >= 0.94, $"Recall@3 {report.RecallAt3:0.000} fell below its floor");
        Assert.True(report.FactInFirstReply >= 0.89, $"Facts in first replies {report.FactInFirstReply:0.000} fell below the floor");
        Assert.True(report.AnswerableDeclined <= 0.04, $"Answerable questions declined {report.AnswerableDeclined:0.000} rose above the ceiling");
        var followUps = report.Answerable.Where(o => o.Question.Context.Count > 0).ToList();
        Assert.True(followUps.Count(o => o.Rank is >= 1 and <= 3) >= followUps.Count - 2, "Follow-ups asked in a conversation fell below their floor");
        Assert.Equal(1.0, report.UnanswerableDeclined);
    }

    [Fact]
    public void Every_document_in_the_corpus_is_covered_by_the_question_set()
    {
        var set = EvaluationSet.Load(Path.Combine(RepoPaths.Tests, "eval", "questions.yaml"));
        var documents = Directory.EnumerateFiles(RepoPaths.Corpus).Where(AssistantBot.Knowledge.Corpus.CorpusReader.IsDocument).Select(Path.GetFileName);

        Assert.All(documents, d => Assert.Contains(set.Questions, q => q.Document == d));
    }
}
