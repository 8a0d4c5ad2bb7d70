using AssistantBot.BotFramework.Schema;

namespace AssistantBot.DirectLine;

/// <summary>A Direct Line conversation as stored: who started it and when.</summary>
public sealed record StoredConversation(string Id, string? UserId, DateTimeOffset CreatedAt);

/// <summary>A slice of a conversation's activity log and the watermark to ask from next time.</summary>
public sealed record ActivityPage(IReadOnlyList<Activity> Activities, long Watermark);

/// <summary>
/// The Direct Line conversations and their activity logs. The log is the history a reloaded page shows and the
/// transcript staff read, so it must be durable and strictly ordered: the store numbers activities itself.
/// </summary>
public interface IDirectLineStore
{
    /// <summary>Creates the conversation; false when it already exists.</summary>
    Task<bool> CreateConversationAsync(string conversationId, string? userId, CancellationToken cancellationToken);

    Task<StoredConversation?> FindConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends an activity, giving it the next watermark, the id <c>{conversationId}|{watermark:D7}</c> and a timestamp
    /// that never goes backwards within the conversation (Web Chat orders by timestamp). Returns the stored activity.
    /// </summary>
    Task<Activity> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary>Activities after <paramref name="afterWatermark"/> (0 for all), oldest first.</summary>
    Task<ActivityPage> GetActivitiesAsync(string conversationId, long afterWatermark, int max, CancellationToken cancellationToken);
}

/// <summary>
/// Tells open streams that a conversation has news. In one process this is an in-memory fan-out; with several
/// instances the database carries the signal (PostgreSQL LISTEN/NOTIFY), so a socket on one instance hears replies
/// written by another.
/// </summary>
public interface IDirectLineNotifier
{
    IDisposable Subscribe(string conversationId, IDirectLineSubscriber subscriber);

    /// <summary>New activities were appended up to <paramref name="watermark"/>.</summary>
    ValueTask PublishAppendedAsync(string conversationId, long watermark, CancellationToken cancellationToken);

    /// <summary>A transient activity (typing) for whoever is connected now; it is never stored.</summary>
    ValueTask PublishTransientAsync(string conversationId, Activity activity, CancellationToken cancellationToken);
}

public interface IDirectLineSubscriber
{
    void OnAppended(long watermark);

    void OnTransient(Activity activity);
}
