using System.Globalization;
using System.Text.Json.Nodes;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.DirectLine;

public sealed class DirectLineActivityTests(AssistantFactory factory) : IClassFixture<AssistantFactory>
{
    private readonly DirectLineHttp _directLine = new(factory.CreateClient());

    [Fact]
    public async Task The_users_message_is_echoed_with_its_client_activity_id_an_id_and_a_timestamp()
    {
        var session = await _directLine.StartAsync();

        var id = await _directLine.SayAsync(session, "hello", "client-1");

        var activities = await _directLine.WaitForActivitiesAsync(session, a => a.Count > 0, "the echo");
        var echo = activities.Single(a => (string?)a!["channelData"]?["clientActivityID"] == "client-1")!;
        Assert.Equal(id, (string?)echo["id"]);
        Assert.True(DateTimeOffset.TryParse((string?)echo["timestamp"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _), "the echo has a timestamp");
        Assert.EndsWith("Z", (string?)echo["timestamp"], StringComparison.Ordinal);
        Assert.Equal("hello", (string?)echo["text"]);
        Assert.Equal(session.UserId, (string?)echo["from"]?["id"]);
        Assert.Equal("user", (string?)echo["from"]?["role"]);
        Assert.Equal(session.ConversationId, (string?)echo["conversation"]?["id"]);
        Assert.Equal("directline", (string?)echo["channelId"]);
    }

    [Fact]
    public async Task The_token_decides_who_the_user_is_whatever_the_activity_claims()
    {
        var session = await _directLine.StartAsync();
        var message = DirectLineHttp.Message(session, "hello", "client-spoof");
        message["from"] = new JsonObject { ["id"] = "dl_somebody_else" };

        var id = await _directLine.PostAsync(session, message);

        var activities = await _directLine.WaitForActivitiesAsync(session, a => a.Any(x => (string?)x!["id"] == id), "the echo");
        Assert.Equal(session.UserId, (string?)activities.Single(a => (string?)a!["id"] == id)!["from"]?["id"]);
    }

    [Fact]
    public async Task The_join_event_and_a_message_are_answered_in_order_greeting_first()
    {
        var session = await _directLine.StartAsync();

        var joinId = await _directLine.JoinAsync(session);
        var messageId = await _directLine.SayAsync(session, "hello", "client-2");

        var activities = await _directLine.WaitForActivitiesAsync(session, a => a.Any(x => DirectLineHttp.IsReplyTo(x, messageId)), "the reply");
        var ids = activities.Select(a => (string)a!["id"]!).ToList();
        var greeting = activities.First(a => DirectLineHttp.IsReplyTo(a, joinId))!;
        var reply = activities.First(a => DirectLineHttp.IsReplyTo(a, messageId))!;
        Assert.Contains("for education only, not a substitute for your care team", (string?)greeting["text"], StringComparison.Ordinal);
        Assert.Contains(greeting["suggestedActions"]!["actions"]!.AsArray(), a => (string?)a!["title"] == "Patient Advocate");
        Assert.Equal("bot", (string?)reply["from"]?["role"]);
        Assert.Equal(session.UserId, (string?)reply["recipient"]?["id"]);
        // The log reads: join, greeting, the user's message, the reply; ids unique, timestamps never going back.
        Assert.True(ids.IndexOf(joinId) < ids.IndexOf((string)greeting["id"]!), "the join event comes before the greeting");
        Assert.True(ids.IndexOf((string)greeting["id"]!) < ids.IndexOf(messageId), "the greeting comes before the next message");
        Assert.True(ids.IndexOf(messageId) < ids.IndexOf((string)reply["id"]!), "the message comes before its reply");
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var timestamps = activities.Select(a => DateTimeOffset.Parse((string)a!["timestamp"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(timestamps.Order(), timestamps);
    }

    [Fact]
    public async Task A_get_with_a_watermark_returns_only_what_came_after_it()
    {
        var session = await _directLine.StartAsync();
        await _directLine.JoinAsync(session);
        await _directLine.WaitForActivitiesAsync(session, a => a.Count >= 2, "the greeting");
        var (before, watermark) = await _directLine.GetActivitiesAsync(session);

        var (nothingNew, sameWatermark) = await _directLine.GetActivitiesAsync(session, watermark);
        var id = await _directLine.SayAsync(session, "hello", "client-3");
        await _directLine.WaitForActivitiesAsync(session, a => a.Any(x => DirectLineHttp.IsReplyTo(x, id)), "the reply");
        var (after, newWatermark) = await _directLine.GetActivitiesAsync(session, watermark);

        Assert.Empty(nothingNew);
        Assert.Equal(watermark, sameWatermark);
        Assert.Equal(id, (string?)after[0]!["id"]);
        Assert.DoesNotContain(after, a => before.Any(b => (string?)b!["id"] == (string?)a!["id"]));
        Assert.NotEqual(watermark, newWatermark);
        var (empty, _) = await _directLine.GetActivitiesAsync(session, newWatermark);
        Assert.Empty(empty);
    }
}
