using System.Net;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.DirectLine;

public sealed class DirectLineTokenTests(AssistantFactory factory) : IClassFixture<AssistantFactory>
{
    private readonly DirectLineHttp _directLine = new(factory.CreateClient());

    [Fact]
    public async Task Generate_with_the_secret_issues_a_token_for_a_new_conversation()
    {
        var generated = await _directLine.GenerateTokenAsync();

        Assert.False(string.IsNullOrEmpty((string?)generated["conversationId"]));
        Assert.False(string.IsNullOrEmpty((string?)generated["token"]));
        Assert.Equal(1800, (int?)generated["expires_in"]);
        Assert.NotEqual(AssistantFactory.DirectLineSecret, (string?)generated["token"]);
    }

    [Fact]
    public async Task Generate_without_a_credential_is_unauthorized()
    {
        using var response = await _directLine.SendAsync(HttpMethod.Post, "/tokens/generate", credential: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Generate_with_a_token_instead_of_the_secret_is_forbidden()
    {
        var session = await _directLine.StartAsync();

        using var response = await _directLine.SendAsync(HttpMethod.Post, "/tokens/generate", session.Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Generate_refuses_a_user_id_without_the_dl_prefix()
    {
        using var response = await _directLine.SendAsync(HttpMethod.Post, "/tokens/generate", AssistantFactory.DirectLineSecret,
            """{"user":{"id":"someone-else"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_issues_a_new_token_for_the_same_conversation()
    {
        var session = await _directLine.StartAsync();

        var refreshed = await _directLine.SendExpectingAsync(HttpStatusCode.OK, HttpMethod.Post, "/tokens/refresh", session.Token);

        Assert.Equal(session.ConversationId, (string?)refreshed["conversationId"]);
        Assert.Equal(1800, (int?)refreshed["expires_in"]);
        var token = (string)refreshed["token"]!;
        Assert.NotEqual(session.Token, token);
        // The new token works for the conversation.
        await _directLine.SendExpectingAsync(HttpStatusCode.OK, HttpMethod.Get, $"/conversations/{session.ConversationId}/activities", token);
    }

    [Fact]
    public async Task Refresh_does_not_accept_the_secret()
    {
        using var response = await _directLine.SendAsync(HttpMethod.Post, "/tokens/refresh", AssistantFactory.DirectLineSecret);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_of_an_expired_token_is_forbidden()
    {
        var session = await _directLine.StartAsync();
        var expired = ExpiredTokens.For(session.ConversationId, session.UserId);

        using var response = await _directLine.SendAsync(HttpMethod.Post, "/tokens/refresh", expired);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_page_token_endpoint_issues_a_conversation_token_and_never_the_secret()
    {
        using var response = await _directLine.Client.PostAsync("/api/webchat/token", content: null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(AssistantFactory.DirectLineSecret, body, StringComparison.Ordinal);
        var session = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        Assert.StartsWith("dl_", (string?)session["userId"], StringComparison.Ordinal);
        // Web Chat starts the token's conversation with it.
        var started = await _directLine.SendExpectingAsync(HttpStatusCode.Created, HttpMethod.Post, "/conversations", (string)session["token"]!);
        Assert.Equal((string?)session["conversationId"], (string?)started["conversationId"]);
    }
}
