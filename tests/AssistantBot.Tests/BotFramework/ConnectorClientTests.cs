using AssistantBot.BotFramework;
using AssistantBot.BotFramework.Authentication;
using AssistantBot.BotFramework.Connector;
using AssistantBot.BotFramework.Schema;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AssistantBot.Tests.BotFramework;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private FakeChannel _channel = null!;

    public async Task InitializeAsync() => _channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    [Fact]
    public async Task A_reply_goes_to_ReplyToActivity_and_a_new_message_to_SendToConversation()
    {
        var client = Client();

        await client.SendAsync(Reply("conv-1", replyToId: "in-1", "first"), CancellationToken.None);
        await client.SendAsync(Reply("conv-1", replyToId: null, "second"), CancellationToken.None);

        var received = _channel.Received.ToArray();
        Assert.Equal(("conv-1", "in-1", "first"), (received[0].ConversationId, received[0].ReplyToActivityId, received[0].Activity.Text));
        Assert.Equal(("conv-1", (string?)null, "second"), (received[1].ConversationId, received[1].ReplyToActivityId, received[1].Activity.Text));
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_time_the_channel_asks_for()
    {
        _channel.FailNext(429, retryAfterSeconds: 1);

        await Client().SendAsync(Reply("conv-1", "in-1", "hello"), CancellationToken.None);

        Assert.Equal(2, _channel.ConnectorCalls);
        Assert.Single(_channel.Received);
    }

    [Theory]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Transient_failures_are_retried_with_backoff(int status)
    {
        _channel.FailNext(status);
        _channel.FailNext(status);

        await Client().SendAsync(Reply("conv-1", "in-1", "hello"), CancellationToken.None);

        Assert.Equal(3, _channel.ConnectorCalls);
        Assert.Single(_channel.Received);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_number_of_attempts()
    {
        for (var i = 0; i < 10; i++)
        {
            _channel.FailNext(502);
        }

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Client(maxAttempts: 3).SendAsync(Reply("conv-1", "in-1", "hello"), CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.BadGateway, error.Status);
        Assert.Equal(3, _channel.ConnectorCalls);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(500)]
    public async Task Other_failures_are_not_retried(int status)
    {
        _channel.FailNext(status);

        await Assert.ThrowsAsync<ConnectorException>(() => Client().SendAsync(Reply("conv-1", "in-1", "hello"), CancellationToken.None));

        Assert.Equal(1, _channel.ConnectorCalls);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_cap_is_not_waited_for()
    {
        _channel.FailNext(429, retryAfterSeconds: 3600);

        await Assert.ThrowsAsync<ConnectorException>(() => Client().SendAsync(Reply("conv-1", "in-1", "hello"), CancellationToken.None));

        Assert.Equal(1, _channel.ConnectorCalls);
    }

    [Fact]
    public async Task With_credentials_every_call_carries_one_cached_client_credentials_token()
    {
        var client = Client(appId: "app-id", password: "app-password");

        await client.SendAsync(Reply("conv-1", "in-1", "one"), CancellationToken.None);
        await client.SendAsync(Reply("conv-1", "in-1", "two"), CancellationToken.None);

        Assert.Equal(1, _channel.TokenRequests);
        Assert.All(_channel.Received, r => Assert.Equal("Bearer outbound-token-1", r.Authorization));
    }

    [Fact]
    public async Task Without_credentials_calls_carry_no_authorization()
    {
        await Client().SendAsync(Reply("conv-1", "in-1", "one"), CancellationToken.None);

        Assert.Equal(0, _channel.TokenRequests);
        Assert.Equal(string.Empty, Assert.Single(_channel.Received).Authorization);
    }

    private ConnectorClient Client(int maxAttempts = 4, string? appId = null, string? password = null)
    {
        var options = Options.Create(new BotFrameworkOptions
        {
            MicrosoftAppId = appId,
            MicrosoftAppPassword = password,
            TokenEndpoint = _channel.BaseUrl + "token",
            ConnectorMaxAttempts = maxAttempts,
            ConnectorBaseDelay = TimeSpan.FromMilliseconds(20),
        });
        var http = new HttpClientFactory();
        return new ConnectorClient(http.CreateClient(""), new AppCredentialsTokenProvider(http, options, TimeProvider.System), options, TimeProvider.System, NullLogger<ConnectorClient>.Instance);
    }

    private Activity Reply(string conversationId, string? replyToId, string text) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        ServiceUrl = _channel.BaseUrl,
        ChannelId = "test",
        Conversation = new ConversationAccount { Id = conversationId },
        ReplyToId = replyToId,
    };

    private sealed class HttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
