using AssistantBot.BotFramework.Schema;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Knowledge;

/// <summary>
/// Follow-up questions through <c>POST /api/messages</c>: the conversation's last answered topic is kept in its
/// saved state, and an under-specified question ("Is that an emergency?", "How is it treated?") is read in its light.
/// </summary>
public sealed class FollowUpConversationTests(AssistantFactory factory) : IClassFixture<AssistantFactory>
{
    [Fact]
    public async Task A_follow_up_is_answered_about_the_topic_of_the_previous_answer()
    {
        var flow = new TestFlow(factory.CreateClient());
        await Ask(flow, "What is spinal cord compression?");

        var reply = await Ask(flow, "Is that an emergency?");

        Assert.Contains("Spinal cord compression is an emergency situation", reply.Text);
    }

    [Fact]
    public async Task A_follow_up_keeps_the_cancer_of_the_previous_question()
    {
        var flow = new TestFlow(factory.CreateClient());
        await Ask(flow, "Can breast cancer spread to the brain?");

        var reply = await Ask(flow, "What symptoms would she have?");

        Assert.Contains("Metastatic breast cancer to the brain causes", reply.Text);
    }

    [Fact]
    public async Task A_follow_up_that_changes_the_site_asks_the_same_about_the_new_site()
    {
        var flow = new TestFlow(factory.CreateClient());
        await Ask(flow, "Where does lung cancer spread?");

        var reply = await Ask(flow, "What happens if it goes to the liver?");

        Assert.Contains("jaundice", reply.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_same_words_in_a_new_conversation_are_not_read_as_a_follow_up()
    {
        var withTopic = new TestFlow(factory.CreateClient());
        await Ask(withTopic, "Can breast cancer spread to the brain?");
        var followUp = await Ask(withTopic, "What symptoms would she have?");

        var fresh = await Ask(new TestFlow(factory.CreateClient()), "What symptoms would she have?");

        Assert.NotEqual(followUp.Text, fresh.Text);
        Assert.DoesNotContain("breast", fresh.Text ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_follow_up_about_a_cancer_the_sources_do_not_cover_is_declined()
    {
        var flow = new TestFlow(factory.CreateClient());
        await Ask(flow, "What is spinal cord compression?");

        var reply = await Ask(flow, "What about pancreatic cancer?");

        Assert.Equal(AssistantBot.Knowledge.Answering.KnowledgeText.NotCovered, reply.Text);
    }

    private static async Task<Activity> Ask(TestFlow flow, string question)
    {
        var replies = await flow.Send(question);
        return replies[^1];
    }
}
