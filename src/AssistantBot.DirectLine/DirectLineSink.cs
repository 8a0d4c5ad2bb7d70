using AssistantBot.BotFramework.Hosting;
using AssistantBot.BotFramework.Schema;
using AssistantBot.BotFramework.Turns;

namespace AssistantBot.DirectLine;

/// <summary>
/// Delivers the bot's activities into a Direct Line conversation: appended to its log (so they reach every open
/// stream and every poll), except typing indicators, which go to open streams only.
/// </summary>
public sealed class DirectLineSink(string conversationId, IDirectLineStore store, IDirectLineNotifier notifier) : IActivitySink
{
    public bool SupportsTyping => true;

    public async Task SendAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        long watermark = 0;
        foreach (var activity in activities)
        {
            if (activity.IsType(ActivityTypes.Typing))
            {
                await notifier.PublishTransientAsync(conversationId, activity, cancellationToken);
                continue;
            }

            if (activity.IsType(ActivityTypes.Trace))
            {
                continue; // trace activities never reach users
            }

            var stored = await store.AppendAsync(conversationId, activity, cancellationToken);
            watermark = DirectLineIds.Watermark(stored.Id!);
        }

        if (watermark > 0)
        {
            await notifier.PublishAppendedAsync(conversationId, watermark, cancellationToken);
        }
    }
}

/// <summary>Routes stored references of built-in Direct Line conversations back to them, and keeps outsiders from using that route.</summary>
public sealed class DirectLineRouting(IDirectLineStore store, IDirectLineNotifier notifier) : IConversationSinkResolver, IReservedServiceUrl
{
    /// <summary>
    /// The serviceUrl of built-in Direct Line activities. It is not a network address: replies are written straight to
    /// the conversation's log, and <c>/api/messages</c> refuses activities that claim it.
    /// </summary>
    public const string ServiceUrl = "urn:assistantbot:directline";

    public IActivitySink? TryResolve(ConversationReference reference) =>
        IsReserved(reference.ServiceUrl) && reference.Conversation?.Id is { } id ? new DirectLineSink(id, store, notifier) : null;

    public bool IsReserved(string? serviceUrl) => string.Equals(serviceUrl, ServiceUrl, StringComparison.OrdinalIgnoreCase);
}

public static class DirectLineIds
{
    public static string NewConversationId() => System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));

    public static string ActivityId(string conversationId, long watermark) => $"{conversationId}|{watermark:D7}";

    /// <summary>An id for an activity that is not in the log (typing): it has no watermark.</summary>
    public static string TransientId(string conversationId) =>
        $"{conversationId}|t{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6))}";

    public static long Watermark(string activityId)
    {
        var bar = activityId.LastIndexOf('|');
        return bar >= 0 && long.TryParse(activityId.AsSpan(bar + 1), out var watermark) ? watermark : 0;
    }
}
