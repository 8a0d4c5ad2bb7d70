using System.Net.Http.Json;
using System.Text.Json;
using AssistantBot.BotFramework.Schema;

namespace AssistantBot.Tests.Infrastructure;

/// <summary>
/// A conversation driven through <c>POST /api/messages</c> with expectReplies, in the style of botbuilder's TestFlow:
/// <c>await flow.Send("hi"); flow.AssertReply(r => ...)</c>. Replies of each turn are queued and consumed in order.
/// </summary>
public sealed class TestFlow(HttpClient client, string? conversationId = null, string channelId = "test")
{
    private readonly Queue<Activity> _replies = new();
    private int _sequence;

    public string ConversationId { get; } = conversationId ?? "conv-" + Guid.NewGuid().ToString("N");

    public string ChannelId { get; } = channelId;

    public IReadOnlyCollection<Activity> PendingReplies => _replies;

    public Activity NewActivity(string type = ActivityTypes.Message, string? text = null) => new()
    {
        Type = type,
        Id = $"act-{++_sequence}",
        Text = text,
        ChannelId = ChannelId,
        ServiceUrl = "https://channel.invalid/",
        Conversation = new ConversationAccount { Id = ConversationId },
        From = new ChannelAccount { Id = "user-1", Name = "Test User", Role = RoleTypes.User },
        Recipient = new ChannelAccount { Id = "bot-1", Name = "Assistant", Role = RoleTypes.Bot },
        DeliveryMode = DeliveryModes.ExpectReplies,
        Locale = "en-US",
    };

    public Task<IReadOnlyList<Activity>> Send(string text) => Send(NewActivity(text: text));

    public async Task<IReadOnlyList<Activity>> Send(Activity activity)
    {
        using var response = await client.PostAsync("/api/messages",
            new ByteArrayContent(BotJson.SerializeToUtf8Bytes(activity)) { Headers = { ContentType = new("application/json") } });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options)
            ?? throw new InvalidOperationException("Empty expectReplies answer.");
        foreach (var reply in body.Activities)
        {
            _replies.Enqueue(reply);
        }

        return body.Activities;
    }

    /// <summary>Sends Web Chat's join event, which makes the bot greet.</summary>
    public Task<IReadOnlyList<Activity>> Join()
    {
        var join = NewActivity(ActivityTypes.Event);
        join.Name = "webchat/join";
        return Send(join);
    }

    public Activity AssertReply(Action<Activity>? check = null)
    {
        Assert.True(_replies.Count > 0, "Expected another reply from the bot, but there was none.");
        var reply = _replies.Dequeue();
        check?.Invoke(reply);
        return reply;
    }

    public Activity AssertReplyContains(string fragment) =>
        AssertReply(r => Assert.Contains(fragment, r.Text ?? string.Empty, StringComparison.OrdinalIgnoreCase));

    public void AssertNoMoreReplies() =>
        Assert.True(_replies.Count == 0, "Unexpected replies: " + string.Join(" | ", _replies.Select(r => r.Text)));

    public static IReadOnlyList<string> SuggestionTitles(Activity reply) =>
        reply.SuggestedActions?.Actions.Select(a => a.Title ?? string.Empty).ToList() ?? [];

    public static string Json(Activity activity) => JsonSerializer.Serialize(activity, BotJson.Options);
}
