using AssistantBot.BotFramework.Schema;

namespace AssistantBot.BotFramework.Turns;

/// <summary>Where a turn's replies go: the HTTP answer (expectReplies), the Connector, or a built-in channel.</summary>
public interface IActivitySink
{
    /// <summary>Whether typing indicators can reach the user this way (not in a single HTTP answer).</summary>
    bool SupportsTyping { get; }

    Task SendAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken);
}

/// <summary>Finds the sink for a stored conversation, for messages sent outside a turn (proactive, staff replies).</summary>
public interface IConversationSinkResolver
{
    /// <summary>Returns null when this resolver does not serve the reference's channel.</summary>
    IActivitySink? TryResolve(ConversationReference reference);
}

/// <summary>Collects replies for the 200 answer to an activity sent with <c>deliveryMode: expectReplies</c>.</summary>
public sealed class ExpectRepliesSink : IActivitySink
{
    private readonly List<Activity> _replies = [];

    public bool SupportsTyping => false;

    public IReadOnlyList<Activity> Replies => _replies;

    public Task SendAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        _replies.AddRange(activities);
        return Task.CompletedTask;
    }
}
