using AssistantBot.BotFramework.Schema;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Assistant;

/// <summary>Every conversation starts with the greeting and its disclaimer, once, however it starts.</summary>
public sealed class GreetingTests : IClassFixture<AssistantFactory>
{
    private const string Disclaimer = "for education only, not a substitute for your care team";
    private readonly AssistantFactory _factory;

    public GreetingTests(AssistantFactory factory) => _factory = factory;

    [Fact]
    public async Task The_web_chat_join_event_is_greeted_once()
    {
        var flow = new TestFlow(_factory.CreateClient());

        await flow.Join();
        await flow.Join();

        flow.AssertReplyContains(Disclaimer);
        flow.AssertNoMoreReplies();
    }

    [Fact]
    public async Task The_greeting_offers_the_patient_advocate()
    {
        var flow = new TestFlow(_factory.CreateClient());

        await flow.Join();

        Assert.Contains("Patient Advocate", TestFlow.SuggestionTitles(flow.AssertReply()));
    }

    [Fact]
    public async Task A_conversation_update_adding_the_bot_is_greeted()
    {
        var flow = new TestFlow(_factory.CreateClient(), channelId: Channels.Msteams);
        var update = flow.NewActivity(ActivityTypes.ConversationUpdate);
        update.MembersAdded = [new ChannelAccount { Id = "bot-1" }, new ChannelAccount { Id = "user-1" }];

        await flow.Send(update);

        flow.AssertReplyContains(Disclaimer);
    }

    [Fact]
    public async Task A_conversation_update_adding_only_someone_else_is_not_greeted()
    {
        var flow = new TestFlow(_factory.CreateClient(), channelId: Channels.Msteams);
        var update = flow.NewActivity(ActivityTypes.ConversationUpdate);
        update.MembersAdded = [new ChannelAccount { Id = "someone-else" }];

        await flow.Send(update);

        flow.AssertNoMoreReplies();
    }

    [Fact]
    public async Task Installing_the_bot_in_teams_is_greeted_and_a_first_message_after_it_is_not_greeted_again()
    {
        var flow = new TestFlow(_factory.CreateClient(), channelId: Channels.Msteams);
        var install = flow.NewActivity(ActivityTypes.InstallationUpdate);
        install.Action = "add";

        await flow.Send(install);
        await flow.Send("help");

        flow.AssertReplyContains(Disclaimer);
        Assert.DoesNotContain(Disclaimer, flow.AssertReply().Text);
    }

    [Fact]
    public async Task A_first_message_without_any_greeting_event_is_greeted_before_the_answer()
    {
        var flow = new TestFlow(_factory.CreateClient());

        await flow.Send("help");

        flow.AssertReplyContains(Disclaimer);
        Assert.NotNull(flow.AssertReply().Text);
    }

    [Fact]
    public async Task Removing_the_bot_forgets_the_conversation()
    {
        var flow = new TestFlow(_factory.CreateClient(), channelId: Channels.Msteams);
        var install = flow.NewActivity(ActivityTypes.InstallationUpdate);
        install.Action = "add";
        await flow.Send(install);
        flow.AssertReplyContains(Disclaimer);

        var remove = flow.NewActivity(ActivityTypes.InstallationUpdate);
        remove.Action = "remove";
        await flow.Send(remove);
        await flow.Send(install.Clone().With(a => a.Id = "reinstall"));

        flow.AssertReplyContains(Disclaimer);
    }
}

internal static class ActivityTestExtensions
{
    public static Activity With(this Activity activity, Action<Activity> change)
    {
        change(activity);
        return activity;
    }
}
