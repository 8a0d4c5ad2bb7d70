using System.Net;
using System.Text;
using AssistantBot.BotFramework.Schema;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.BotFramework;

public sealed class MessagesEndpointTests : IClassFixture<AssistantFactory>
{
    private readonly AssistantFactory _factory;

    public MessagesEndpointTests(AssistantFactory factory) => _factory = factory;

    [Fact]
    public async Task ExpectReplies_returns_the_turns_replies_in_the_body()
    {
        var flow = new TestFlow(_factory.CreateClient());

        var replies = await flow.Send("hello");

        Assert.NotEmpty(replies);
        var greeting = flow.AssertReplyContains("for education only, not a substitute for your care team");
        Assert.Equal(flow.ConversationId, greeting.Conversation?.Id);
        Assert.Equal("user-1", greeting.Recipient?.Id);
        Assert.Equal("act-1", greeting.ReplyToId);
        Assert.Contains("Patient Advocate", TestFlow.SuggestionTitles(greeting));
    }

    [Fact]
    public async Task The_same_activity_delivered_twice_is_processed_once()
    {
        var flow = new TestFlow(_factory.CreateClient());
        var activity = flow.NewActivity(text: "hello");

        var first = await flow.Send(activity);
        var second = await flow.Send(activity);

        Assert.NotEmpty(first);
        Assert.Empty(second);
    }

    [Theory]
    [InlineData("{not json", "Malformed activity")]
    [InlineData("{\"text\":\"no type\",\"channelId\":\"test\",\"conversation\":{\"id\":\"c\"}}", "type is required")]
    [InlineData("[1,2,3]", "Malformed activity")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"c\"}}", "channelId is required")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"test\"}", "conversation.id is required")]
    public async Task Malformed_activities_are_answered_400(string body, string expected)
    {
        var response = await Post(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_activity_over_the_body_limit_is_answered_413()
    {
        var text = new string('a', 300 * 1024);
        var response = await Post($$"""{"type":"message","channelId":"test","conversation":{"id":"c"},"text":"{{text}}","deliveryMode":"expectReplies"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_unhandled_invoke_is_answered_501()
    {
        var response = await Post("""{"type":"invoke","name":"something/unknown","channelId":"test","conversation":{"id":"c-invoke"},"serviceUrl":"https://channel.invalid/"}""");

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_activity_types_are_accepted_and_ignored()
    {
        var flow = new TestFlow(_factory.CreateClient());
        var replies = await flow.Send(flow.NewActivity("somethingNew"));

        Assert.Empty(replies);
    }

    [Fact]
    public async Task An_activity_claiming_the_built_in_direct_line_service_url_is_refused()
    {
        var response = await Post("""{"type":"message","text":"hi","channelId":"directline","conversation":{"id":"c"},"serviceUrl":"urn:assistantbot:directline"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<HttpResponseMessage> Post(string body) =>
        _factory.CreateClient().PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
}
