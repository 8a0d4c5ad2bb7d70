using AssistantBot.BotFramework.Authentication;
using AssistantBot.BotFramework.Schema;

namespace AssistantBot.BotFramework.Turns;

/// <summary>
/// One inbound activity and everything the bot says in answer to it. Replies are held in <see cref="Outbox"/> and
/// only delivered when the bot returns, so that a turn can save its state first and send only what was saved
/// (and drop everything if the save loses a race and the turn runs again).
/// </summary>
public sealed class TurnContext(Activity activity, AuthenticationResult caller)
{
    private readonly List<Activity> _outbox = [];

    public Activity Activity { get; } = activity;

    public AuthenticationResult Caller { get; } = caller;

    public IReadOnlyList<Activity> Outbox => _outbox;

    /// <summary>The result of an <c>invoke</c>; left null, the channel is answered 501.</summary>
    public InvokeResponse? InvokeResponse { get; set; }

    /// <summary>Per-turn values shared between the layers of the bot.</summary>
    public Dictionary<string, object?> Items { get; } = new(StringComparer.Ordinal);

    /// <summary>Queues an activity, addressed as a reply to the inbound one unless it already names its conversation.</summary>
    public void Send(Activity reply)
    {
        reply.Type ??= ActivityTypes.Message;
        reply.ChannelId ??= Activity.ChannelId;
        reply.ServiceUrl ??= Activity.ServiceUrl;
        reply.Conversation ??= Activity.Conversation;
        reply.From ??= Activity.Recipient is { } bot ? new ChannelAccount { Id = bot.Id, Name = bot.Name, Role = RoleTypes.Bot } : null;
        reply.Recipient ??= Activity.From is { } user ? new ChannelAccount { Id = user.Id, Name = user.Name, Role = user.Role } : null;
        reply.ReplyToId ??= Activity.Id;
        reply.Locale ??= Activity.Locale;
        _outbox.Add(reply);
    }

    public void SendText(string text, SuggestedActions? suggestedActions = null) =>
        Send(new Activity { Type = ActivityTypes.Message, Text = text, SuggestedActions = suggestedActions });

    /// <summary>Forgets everything queued so far: the turn is about to run again, or failed.</summary>
    public void DiscardOutbox() => _outbox.Clear();
}

public sealed record InvokeResponse(int Status, System.Text.Json.Nodes.JsonNode? Body = null);
