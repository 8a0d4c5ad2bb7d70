using AssistantBot.BotFramework.Schema;
using AssistantBot.BotFramework.Turns;

namespace AssistantBot.Tests.BotFramework;

public sealed class TeamsNormalizerTests
{
    [Fact]
    public void The_bots_own_mention_is_removed_from_the_text()
    {
        var activity = Teams("<at>Assistant</at> what is stage 4?", Mention("28:bot", "<at>Assistant</at>"));

        TeamsNormalizer.Normalize(activity);

        Assert.Equal("what is stage 4?", activity.Text);
    }

    [Fact]
    public void Mentions_of_other_people_are_kept()
    {
        var activity = Teams("<at>Assistant</at> tell <at>Sam</at> about scans", Mention("28:bot", "<at>Assistant</at>"), Mention("29:sam", "<at>Sam</at>"));

        TeamsNormalizer.Normalize(activity);

        Assert.Equal("tell <at>Sam</at> about scans", activity.Text);
    }

    [Fact]
    public void The_tenant_from_channel_data_is_kept_on_the_conversation()
    {
        var activity = Teams("hi");
        activity.ChannelData = new() { ["tenant"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "tenant-42" } };

        TeamsNormalizer.Normalize(activity);

        Assert.Equal("tenant-42", activity.Conversation?.TenantId);
        Assert.Equal("tenant-42", activity.GetConversationReference().Conversation?.TenantId);
    }

    [Fact]
    public void Other_channels_are_left_alone()
    {
        var activity = Teams("<at>Assistant</at> hi", Mention("28:bot", "<at>Assistant</at>"));
        activity.ChannelId = "webchat";

        TeamsNormalizer.Normalize(activity);

        Assert.Equal("<at>Assistant</at> hi", activity.Text);
    }

    private static Activity Teams(string text, params Entity[] entities) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = Channels.Msteams,
        Text = text,
        Recipient = new ChannelAccount { Id = "28:bot", Name = "Assistant" },
        Conversation = new ConversationAccount { Id = "19:channel" },
        Entities = [.. entities],
    };

    private static Entity Mention(string id, string text) =>
        BotJson.Deserialize<Activity>($$"""{"entities":[{"type":"mention","mentioned":{"id":"{{id}}"},"text":"{{text}}"}]}""")!.Entities![0];
}
