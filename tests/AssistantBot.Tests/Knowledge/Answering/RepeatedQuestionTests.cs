using AssistantBot.Knowledge.Answering;

namespace AssistantBot.Tests.Knowledge.Answering;

/// <summary>Repeated questions are worked out once per corpus version, and never at the expense of reading a follow-up.</summary>
public sealed class RepeatedQuestionTests : IDisposable
{
    private const string Question = "What are the symptoms of bone metastasis?";
    private readonly KnowledgeFixture _knowledge = new();

    public void Dispose() => _knowledge.Dispose();

    [Fact]
    public void The_same_question_asked_on_its_own_again_gets_the_answer_worked_out_the_first_time()
    {
        var first = _knowledge.Search.Ask(Question);
        var again = _knowledge.Search.Ask(Question);

        Assert.True(first.Answered);
        Assert.Same(first, again);
        Assert.Same(_knowledge.Index.Analyzer.Analyze(Question), _knowledge.Index.Analyzer.Analyze(Question));
    }

    [Fact]
    public void A_question_answered_on_its_own_is_still_read_as_a_follow_up_in_a_conversation_with_a_topic()
    {
        var alone = _knowledge.Search.Ask("How is it treated?");
        var topic = KnowledgeTopic.Of(_knowledge.Search.Ask(Question).Analysis, DateTimeOffset.UnixEpoch);

        var followUp = _knowledge.Search.Ask("How is it treated?", topic);

        Assert.False(alone.FollowUp);
        Assert.True(followUp.FollowUp);
        Assert.Contains("bone", followUp.Analysis.Terms);
        Assert.DoesNotContain("bone", alone.Analysis.Terms);
    }

    [Fact]
    public async Task A_rebuilt_index_answers_afresh()
    {
        var before = _knowledge.Search.Ask(Question);

        await _knowledge.Index.RefreshAsync(rebuild: true, CancellationToken.None);
        var after = _knowledge.Search.Ask(Question);

        Assert.NotSame(before, after);
        Assert.Equal(before.Answer?.PassageId, after.Answer?.PassageId);
    }
}
