using System.Net;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.DirectLine;

/// <summary>What the channel refuses, and with which status: the client library decides what to do by the status alone.</summary>
public sealed class DirectLineRefusalTests(AssistantFactory factory) : IClassFixture<AssistantFactory>
{
    private readonly DirectLineHttp _directLine = new(factory.CreateClient());

    public static TheoryData<string, string> ConversationRoutes => new()
    {
        { "GET", "" },
        { "GET", "/activities" },
        { "POST", "/activities" },
    };

    [Theory]
    [MemberData(nameof(ConversationRoutes))]
    public async Task Without_a_token_the_answer_is_401(string method, string route)
    {
        var session = await _directLine.StartAsync();

        using var response = await _directLine.SendAsync(new HttpMethod(method), $"/conversations/{session.ConversationId}{route}", null, BodyFor(method));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ConversationRoutes))]
    public async Task With_an_expired_token_the_answer_is_403(string method, string route)
    {
        var session = await _directLine.StartAsync();
        var expired = ExpiredTokens.For(session.ConversationId, session.UserId);

        using var response = await _directLine.SendAsync(new HttpMethod(method), $"/conversations/{session.ConversationId}{route}", expired, BodyFor(method));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ConversationRoutes))]
    public async Task With_another_conversations_token_the_answer_is_403(string method, string route)
    {
        var mine = await _directLine.StartAsync();
        var theirs = await _directLine.StartAsync();

        using var response = await _directLine.SendAsync(new HttpMethod(method), $"/conversations/{theirs.ConversationId}{route}", mine.Token, BodyFor(method));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ConversationRoutes))]
    public async Task For_an_unknown_conversation_the_answer_is_404(string method, string route)
    {
        using var response = await _directLine.SendAsync(new HttpMethod(method), $"/conversations/no-such-conversation{route}", AssistantFactory.DirectLineSecret, BodyFor(method));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_token_whose_conversation_was_never_started_finds_nothing()
    {
        var generated = await _directLine.GenerateTokenAsync();

        using var response = await _directLine.SendAsync(HttpMethod.Get, $"/conversations/{generated["conversationId"]}/activities", (string)generated["token"]!);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_forged_token_is_403()
    {
        var session = await _directLine.StartAsync();
        var forged = session.Token[..^4] + (session.Token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        using var response = await _directLine.SendAsync(HttpMethod.Get, $"/conversations/{session.ConversationId}/activities", forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_upload_is_refused_with_a_clear_4xx()
    {
        var session = await _directLine.StartAsync();

        using var response = await _directLine.SendAsync(HttpMethod.Post, $"/conversations/{session.ConversationId}/upload?userId={session.UserId}", session.Token, "{}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Contains("does not accept file", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_activity_with_an_attachment_url_is_refused_400()
    {
        var session = await _directLine.StartAsync();
        var message = DirectLineHttp.Message(session, "see file", "client-file");
        message["attachments"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["contentType"] = "image/png",
            ["contentUrl"] = "blob:http://localhost/123",
        });

        using var response = await _directLine.SendAsync(HttpMethod.Post, $"/conversations/{session.ConversationId}/activities", session.Token, message.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_activity_is_413()
    {
        var session = await _directLine.StartAsync();
        var huge = DirectLineHttp.Message(session, new string('a', 300 * 1024), "client-huge");

        using var response = await _directLine.SendAsync(HttpMethod.Post, $"/conversations/{session.ConversationId}/activities", session.Token, huge.ToJsonString());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"text":"no type"}""")]
    public async Task A_malformed_activity_is_400(string body)
    {
        var session = await _directLine.StartAsync();

        using var response = await _directLine.SendAsync(HttpMethod.Post, $"/conversations/{session.ConversationId}/activities", session.Token, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_watermark_the_service_never_issued_is_400()
    {
        var session = await _directLine.StartAsync();

        using var response = await _directLine.SendAsync(HttpMethod.Get, $"/conversations/{session.ConversationId}/activities?watermark=abc", session.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string? BodyFor(string method) => method == "POST" ? """{"type":"message","text":"hi"}""" : null;
}
