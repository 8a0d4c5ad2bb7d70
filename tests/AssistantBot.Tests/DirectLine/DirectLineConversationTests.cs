using System.Net;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.DirectLine;

public sealed class DirectLineConversationTests(AssistantFactory factory) : IClassFixture<AssistantFactory>
{
    private readonly DirectLineHttp _directLine = new(factory.CreateClient());

    [Fact]
    public async Task Starting_with_a_token_creates_its_conversation_then_answers_200_with_the_same_conversation()
    {
        var generated = await _directLine.GenerateTokenAsync();
        var token = (string)generated["token"]!;

        var first = await _directLine.SendExpectingAsync(HttpStatusCode.Created, HttpMethod.Post, "/conversations", token);
        var again = await _directLine.SendExpectingAsync(HttpStatusCode.OK, HttpMethod.Post, "/conversations", token);

        Assert.Equal((string?)generated["conversationId"], (string?)first["conversationId"]);
        Assert.Equal((string?)first["conversationId"], (string?)again["conversationId"]);
        Assert.Equal(1800, (int?)first["expires_in"]);
        Assert.False(string.IsNullOrEmpty((string?)first["token"]));
        var streamUrl = new Uri((string)first["streamUrl"]!);
        Assert.Equal("ws", streamUrl.Scheme);
        Assert.EndsWith($"/v3/directline/conversations/{first["conversationId"]}/stream", streamUrl.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_with_the_secret_creates_a_new_conversation_each_time()
    {
        var first = await _directLine.SendExpectingAsync(HttpStatusCode.Created, HttpMethod.Post, "/conversations", AssistantFactory.DirectLineSecret);
        var second = await _directLine.SendExpectingAsync(HttpStatusCode.Created, HttpMethod.Post, "/conversations", AssistantFactory.DirectLineSecret);

        Assert.NotEqual((string?)first["conversationId"], (string?)second["conversationId"]);
    }

    [Fact]
    public async Task Reconnecting_answers_a_fresh_token_and_a_stream_url_that_resumes_after_the_watermark()
    {
        var session = await _directLine.StartAsync();

        var reconnected = await _directLine.SendExpectingAsync(HttpStatusCode.OK, HttpMethod.Get,
            $"/conversations/{session.ConversationId}?watermark=3", session.Token);

        Assert.Equal(session.ConversationId, (string?)reconnected["conversationId"]);
        var token = (string)reconnected["token"]!;
        Assert.NotEqual(session.Token, token);
        var streamUrl = new Uri((string)reconnected["streamUrl"]!);
        Assert.Contains("watermark=3", streamUrl.Query, StringComparison.Ordinal);
        await _directLine.SendExpectingAsync(HttpStatusCode.OK, HttpMethod.Get, $"/conversations/{session.ConversationId}/activities", token);
    }

    [Fact]
    public async Task Reconnecting_to_an_unknown_conversation_is_not_found()
    {
        using var response = await _directLine.SendAsync(HttpMethod.Get, "/conversations/no-such-conversation?watermark=", AssistantFactory.DirectLineSecret);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
