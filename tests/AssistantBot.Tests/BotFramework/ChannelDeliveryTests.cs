using System.Net;
using System.Net.Http.Headers;
using AssistantBot.Assistant;
using AssistantBot.BotFramework.Authentication;
using AssistantBot.BotFramework.Schema;
using AssistantBot.Conversations;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantBot.Tests.BotFramework;

/// <summary>Activities delivered normally (not expectReplies): replies go back through the channel's Connector.</summary>
public sealed class ChannelDeliveryTests : IAsyncLifetime
{
    private const string AppId = "bot-app-id";
    private FakeChannel _channel = null!;

    public async Task InitializeAsync() => _channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    [Fact]
    public async Task Replies_are_sent_to_the_channels_service_url_as_replies_to_the_activity()
    {
        using var factory = new AssistantFactory();
        var response = await Post(factory.CreateClient(), Message("hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = await _channel.WaitForAsync(2);
        Assert.All(received, r => Assert.Equal("act-1", r.ReplyToActivityId));
        Assert.Contains("for education only", received[0].Activity.Text);
        Assert.Equal("conv-delivery", received[0].ConversationId);
    }

    [Fact]
    public async Task With_an_app_id_an_authenticated_activity_is_answered_with_the_bots_token()
    {
        using var issuer = new TestTokenIssuer();
        using var factory = AuthenticatedFactory(issuer);
        var message = Message("hello");

        var response = await Post(factory.CreateClient(), message, issuer.ChannelToken(AppId, _channel.BaseUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = await _channel.WaitForAsync(2);
        Assert.All(received, r => Assert.Equal("Bearer outbound-token-1", r.Authorization));
        Assert.Equal(1, _channel.TokenRequests);
    }

    [Fact]
    public async Task With_an_app_id_a_request_without_a_token_is_401_and_reaches_nobody()
    {
        using var issuer = new TestTokenIssuer();
        using var factory = AuthenticatedFactory(issuer);

        var response = await Post(factory.CreateClient(), Message("hello"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _channel.ConnectorCalls);
    }

    [Fact]
    public async Task With_an_app_id_an_expired_token_is_401()
    {
        using var issuer = new TestTokenIssuer();
        using var factory = AuthenticatedFactory(issuer);
        var expired = issuer.ChannelToken(AppId, _channel.BaseUrl, c => c["exp"] = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeSeconds());

        var response = await Post(factory.CreateClient(), Message("hello"), expired);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task With_an_app_id_a_key_not_endorsed_for_the_channel_is_403()
    {
        using var issuer = new TestTokenIssuer("test-key", "msteams");
        using var factory = AuthenticatedFactory(issuer);

        var response = await Post(factory.CreateClient(), Message("hello"), issuer.ChannelToken(AppId, _channel.BaseUrl));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_slow_turn_shows_typing_and_is_acknowledged_before_it_finishes()
    {
        var release = new TaskCompletionSource();
        using var factory = new AssistantFactory()
            .WithSettings(("BotFramework:TypingDelay", "00:00:00.100"), ("BotFramework:AcknowledgeAfter", "00:00:00.300"))
            .WithServices(s => s.AddSingleton<IAssistant>(new WaitingAssistant(release.Task)));

        var response = await Post(factory.CreateClient(), Message("slow question"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _channel.WaitForAsync(1, r => r.Activity.Type == ActivityTypes.Typing);
        Assert.DoesNotContain(_channel.Received, r => r.Activity.Text == "done");
        release.SetResult();
        await _channel.WaitForAsync(1, r => r.Activity.Text == "done");
    }

    private AssistantFactory AuthenticatedFactory(TestTokenIssuer issuer) => new AssistantFactory()
        .WithSettings(
            ("MicrosoftAppId", AppId),
            ("MicrosoftAppPassword", "secret"),
            ("BotFramework:ChannelOpenIdMetadataUrl", TestTokenIssuer.MetadataUrl),
            ("BotFramework:AzureAdOpenIdMetadataUrl", TestTokenIssuer.AzureAdMetadataUrl),
            ("BotFramework:TokenEndpoint", _channel.BaseUrl + "token"))
        .WithServices(s => s.AddHttpClient(nameof(ChannelRequestAuthenticator)).ConfigurePrimaryHttpMessageHandler(issuer.Handler));

    private Activity Message(string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = "act-1",
        Text = text,
        ChannelId = "test",
        ServiceUrl = _channel.BaseUrl,
        Conversation = new ConversationAccount { Id = "conv-delivery" },
        From = new ChannelAccount { Id = "user-1" },
        Recipient = new ChannelAccount { Id = "bot-1" },
    };

    private static Task<HttpResponseMessage> Post(HttpClient client, Activity activity, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new ByteArrayContent(BotJson.SerializeToUtf8Bytes(activity)) { Headers = { ContentType = new("application/json") } },
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(request);
    }

    private sealed class WaitingAssistant(Task release) : IAssistant
    {
        public Task GreetAsync(AssistantTurn turn, CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task OnMessageAsync(AssistantTurn turn, CancellationToken cancellationToken)
        {
            await release.WaitAsync(cancellationToken);
            turn.Reply("done");
        }
    }
}
