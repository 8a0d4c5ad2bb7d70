using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Answering;

namespace AssistantBot.Tests.Knowledge;

/// <summary>Which questions are read as follow-ups, and what they become, on the real corpus's data files.</summary>
public sealed class FollowUpTests : IDisposable
{
    private readonly KnowledgeFixture _knowledge = new();

    public void Dispose() => _knowledge.Dispose();

    [Theory]
    [InlineData("What are the symptoms of bone metastasis?", "How is it treated?", "treatment bone metastasis")]
    [InlineData("What are the symptoms of bone metastasis?", "What about the brain?", "symptom metastasis brain")]
    [InlineData("What is the 5-year survival rate for stage 4 non-small cell lung cancer?", "And for small cell?", "five year survival rate stage4 sclc")]
    [InlineData("Can breast cancer spread to the brain?", "What symptoms would she have?", "breast cancer metastasis brain symptom")]
    public void An_under_specified_follow_up_takes_the_topic_replacing_what_it_changes(string earlier, string question, string expected)
    {
        var expanded = Expand(question, Topic(earlier));

        Assert.NotNull(expanded);
        Assert.Equal(expected.Split(' ').Order(), expanded.Terms.Order());
    }

    [Theory]
    [InlineData("If lung cancer spreads to the liver, is it liver cancer?")] // its own subject
    [InlineData("What is remission?")]                                     // points nowhere
    [InlineData("what about the parking?")]                                 // a word the sources never use
    [InlineData("Is it true that immunotherapy helps with bone pain in stage 4?")]
    public void A_question_with_a_subject_of_its_own_is_left_alone(string question) =>
        Assert.Null(Expand(question, Topic("What are the symptoms of bone metastasis?")));

    [Fact]
    public void Without_a_topic_nothing_is_a_follow_up() =>
        Assert.Null(Expand("How is it treated?", null));

    [Fact]
    public void The_search_declines_a_follow_up_about_a_cancer_the_sources_do_not_cover()
    {
        var result = _knowledge.Search.Ask("What about pancreatic cancer?", Topic("What are the symptoms of bone metastasis?"));

        Assert.True(result.FollowUp);
        Assert.False(result.Answered);
    }

    private KnowledgeTopic Topic(string question) =>
        KnowledgeTopic.Of(_knowledge.Search.Ask(question).Analysis, DateTimeOffset.UnixEpoch);

    private AnalyzedText? Expand(string question, KnowledgeTopic? topic)
    {
        var generation = _knowledge.Index.Current!;
        var analyzer = generation.Analyzer;
        return FollowUp.Expand(analyzer.Analyze(question), analyzer.Words(question), topic, generation.Cues, generation.Cancers, analyzer.Lexicon);
    }
}
