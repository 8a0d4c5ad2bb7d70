using AssistantBot.BotFramework.Authentication;
using AssistantBot.BotFramework.Schema;
using AssistantBot.BotFramework.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AssistantBot.DirectLine;

public enum PostOutcome
{
    Delivered,
    /// <summary>The bot is still working; the client is answered now and the replies arrive on the stream.</summary>
    Acknowledged,
    /// <summary>The bot failed before the activity could be processed: 502, as Direct Line answers.</summary>
    BotFailed,
}

/// <summary>
/// The channel side of the built-in Direct Line: takes a client's activity, stamps it as the channel does
/// (id, timestamp, the user's account, the bot as recipient), echoes it into the log (Web Chat needs the echo with its
/// <c>clientActivityID</c> to mark a message as sent), then runs the bot's turn with replies going to the same log.
/// </summary>
public sealed class DirectLineChannel(
    IDirectLineStore store,
    IDirectLineNotifier notifier,
    BotAdapter adapter,
    IOptions<DirectLineOptions> options,
    Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<DirectLineChannel> logger)
{
    public async Task<(PostOutcome Outcome, string? Id)> PostAsync(StoredConversation conversation, DirectLineCaller caller, Activity activity, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        activity.ChannelId = Channels.DirectLine;
        activity.ServiceUrl = DirectLineRouting.ServiceUrl;
        activity.Conversation = new ConversationAccount { Id = conversation.Id };
        activity.Recipient = new ChannelAccount { Id = settings.BotId, Name = settings.BotName, Role = RoleTypes.Bot };
        activity.From = new ChannelAccount
        {
            // The token's user wins over whatever the client claims, so one visitor cannot speak as another.
            Id = caller.UserId ?? conversation.UserId ?? activity.From?.Id ?? "anonymous",
            Name = activity.From?.Name,
            Role = RoleTypes.User,
        };
        activity.DeliveryMode = null;
        activity.Id = null;
        activity.Timestamp = null;

        if (activity.IsType(ActivityTypes.Typing))
        {
            // Typing is never stored, but the client still gets what every POST answers: the activity's id.
            activity.Id = DirectLineIds.TransientId(conversation.Id);
            activity.Timestamp = clock.GetUtcNow();
            await notifier.PublishTransientAsync(conversation.Id, activity, cancellationToken);
            return (PostOutcome.Delivered, activity.Id);
        }

        var stored = await store.AppendAsync(conversation.Id, activity, cancellationToken);
        await notifier.PublishAppendedAsync(conversation.Id, DirectLineIds.Watermark(stored.Id!), cancellationToken);

        var inbound = stored.Clone();
        var sink = new DirectLineSink(conversation.Id, store, notifier);
        var turn = adapter.RunTurnAsync(inbound, AuthenticationResult.Anonymous, sink, lifetime.ApplicationStopping);
        var finished = await Task.WhenAny(turn, Task.Delay(settings.AcknowledgeAfter, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default));
        if (finished != turn)
        {
            _ = turn.ContinueWith(t => LogFailure(t), TaskScheduler.Default);
            return (PostOutcome.Acknowledged, stored.Id);
        }

        return LogFailure(turn) ? (PostOutcome.BotFailed, stored.Id) : (PostOutcome.Delivered, stored.Id);
    }

    private bool LogFailure(Task turn)
    {
        if (turn.Exception?.GetBaseException() is not { } error)
        {
            return false;
        }

        logger.LogError("A Direct Line turn failed: {ExceptionType}", error.GetType().Name);
        return true;
    }
}
