using System.Net;
using System.Text.Json.Nodes;
using AssistantBot.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;

namespace AssistantBot.Tests.DirectLine;

/// <summary>An assistant whose streams go quiet quickly, so a keep-alive frame can be seen without a long wait.</summary>
public sealed class QuickKeepAliveFactory : AssistantFactory
{
    public QuickKeepAliveFactory() => WithSettings(("DirectLine:StreamKeepAlive", "00:00:00.200"));
}

public sealed class DirectLineStreamTests(QuickKeepAliveFactory factory) : IClassFixture<QuickKeepAliveFactory>
{
    private readonly DirectLineHttp _directLine = new(factory.CreateClient());

    [Fact]
    public async Task The_stream_sends_the_backlog_after_the_watermark_then_live_activities_and_typing_and_tolerates_client_keep_alives()
    {
        var session = await _directLine.StartAsync();
        var firstId = await _directLine.SayAsync(session, "first", "client-first");
        await _directLine.WaitForActivitiesAsync(session, a => a.Any(x => DirectLineHttp.IsReplyTo(x, firstId)), "the first reply");
        var (seen, watermark) = await _directLine.GetActivitiesAsync(session);
        var awayId = await _directLine.SayAsync(session, "while away", "client-away");
        await _directLine.WaitForActivitiesAsync(session, a => a.Any(x => DirectLineHttp.IsReplyTo(x, awayId)), "the reply while away");

        var reconnect = await _directLine.SendExpectingAsync(HttpStatusCode.OK, HttpMethod.Get, $"/conversations/{session.ConversationId}?watermark={watermark}", session.Token);
        await using var stream = await ConnectAsync((string)reconnect["streamUrl"]!);

        await stream.WaitForActivityAsync(a => DirectLineHttp.IsReplyTo(a, awayId), "the backlog's reply");
        Assert.Equal(awayId, (string?)stream.Activities[0]["id"]);
        Assert.DoesNotContain(stream.Activities, a => seen.Any(s => (string?)s!["id"] == (string?)a["id"]));
        Assert.All(stream.Frames, f => Assert.False(string.IsNullOrEmpty((string?)f["watermark"]), "stored activities come with a watermark"));

        await stream.SendKeepAliveAsync(); // the client's own keep-alive must not disturb the stream
        var liveId = await _directLine.SayAsync(session, "live", "client-live");
        var echo = await stream.WaitForActivityAsync(a => (string?)a["channelData"]?["clientActivityID"] == "client-live", "the live echo");
        await stream.WaitForActivityAsync(a => DirectLineHttp.IsReplyTo(a, liveId), "the live reply");
        Assert.Equal(liveId, (string?)echo["id"]);

        await _directLine.PostAsync(session, new JsonObject { ["type"] = "typing", ["from"] = new JsonObject { ["id"] = session.UserId } });
        var typing = await stream.WaitForActivityAsync(a => (string?)a["type"] == "typing", "typing");
        Assert.Equal(session.UserId, (string?)typing["from"]?["id"]);
        var (log, _) = await _directLine.GetActivitiesAsync(session);
        Assert.DoesNotContain(log, a => (string?)a!["type"] == "typing");
    }

    [Fact]
    public async Task The_stream_without_a_watermark_sends_the_whole_history()
    {
        var session = await _directLine.StartAsync();
        var joinId = await _directLine.JoinAsync(session);
        await _directLine.WaitForActivitiesAsync(session, a => a.Any(x => DirectLineHttp.IsReplyTo(x, joinId)), "the greeting");

        await using var stream = await ConnectAsync(session.StreamUrl);

        await stream.WaitForActivityAsync(a => DirectLineHttp.IsReplyTo(a, joinId), "the greeting");
        Assert.Equal(joinId, (string?)stream.Activities[0]["id"]);
    }

    [Fact]
    public async Task An_idle_stream_gets_empty_keep_alive_frames()
    {
        var session = await _directLine.StartAsync();

        await using var stream = await ConnectAsync(session.StreamUrl);

        await stream.WaitForKeepAliveAsync();
        Assert.Empty(stream.Frames);
    }

    [Fact]
    public async Task The_stream_refuses_an_expired_token_another_conversations_token_and_no_token()
    {
        var session = await _directLine.StartAsync();
        var other = await _directLine.StartAsync();
        var baseUrl = $"ws://localhost/v3/directline/conversations/{session.ConversationId}/stream";

        await AssertRefusedAsync(baseUrl + "?t=" + Uri.EscapeDataString(ExpiredTokens.For(session.ConversationId, session.UserId)), HttpStatusCode.Forbidden);
        await AssertRefusedAsync(baseUrl + "?t=" + Uri.EscapeDataString(other.Token), HttpStatusCode.Forbidden);
        await AssertRefusedAsync(baseUrl, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_stream_refuses_a_page_on_a_site_that_is_not_allowed()
    {
        var session = await _directLine.StartAsync();

        await AssertRefusedAsync(session.StreamUrl, HttpStatusCode.Forbidden, origin: "https://elsewhere.example");
    }

    private async Task<DirectLineSocket> ConnectAsync(string streamUrl) =>
        new(await factory.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None));

    private async Task AssertRefusedAsync(string streamUrl, HttpStatusCode status, string? origin = null)
    {
        var client = factory.Server.CreateWebSocketClient();
        if (origin is not null)
        {
            client.ConfigureRequest = request => request.Headers.Origin = origin;
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => client.ConnectAsync(new Uri(streamUrl), CancellationToken.None));
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Message, StringComparison.Ordinal);
    }
}
