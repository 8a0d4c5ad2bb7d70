using System.Text.Json;
using AssistantBot.BotFramework.Schema;
using AssistantBot.DirectLine;

namespace AssistantBot.Storage.Postgres;

/// <summary>
/// Direct Line signals across instances: streams open on this instance are told at once (in process), and the others
/// through NOTIFY, after the append has committed, with the conversation id and watermark (or the typing activity, which
/// is never stored). A stream that hears a signal re-reads the log from its own watermark, so a duplicate or a resync
/// signal costs one query and can never show an activity twice.
/// </summary>
public sealed class PostgresDirectLineNotifier : IDirectLineNotifier, IPostgresChannelHandler
{
    private readonly InProcessNotifier _local;
    private readonly PostgresListener _listener;

    public PostgresDirectLineNotifier(InProcessNotifier local, PostgresListener listener)
    {
        _local = local;
        _listener = listener;
        listener.Register(PostgresListener.DirectLineChannel, this);
    }

    public IDisposable Subscribe(string conversationId, IDirectLineSubscriber subscriber) => _local.Subscribe(conversationId, subscriber);

    public async ValueTask PublishAppendedAsync(string conversationId, long watermark, CancellationToken cancellationToken)
    {
        await _local.PublishAppendedAsync(conversationId, watermark, cancellationToken);
        await RelayAsync(new DirectLineSignal(conversationId, watermark, null), cancellationToken);
    }

    public async ValueTask PublishTransientAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        await _local.PublishTransientAsync(conversationId, activity, cancellationToken);
        await RelayAsync(new DirectLineSignal(conversationId, 0, BotJson.Serialize(activity)), cancellationToken);
    }

    public void OnNotification(string payload)
    {
        var signal = JsonSerializer.Deserialize(payload, PostgresSignalJson.Default.DirectLineSignal);
        if (signal is null || !_local.HasSubscribers(signal.ConversationId))
        {
            return;
        }

        if (signal.Transient is { } json && BotJson.Deserialize<Activity>(json) is { } activity)
        {
            _local.NotifyLocal(signal.ConversationId, s => s.OnTransient(activity));
        }
        else
        {
            _local.NotifyLocal(signal.ConversationId, s => s.OnAppended(signal.Watermark));
        }
    }

    /// <summary>Every open stream re-reads from its watermark: appends announced while the listener was away show up.</summary>
    public void OnResync() => _local.NotifyAllLocal(s => s.OnAppended(0));

    private ValueTask RelayAsync(DirectLineSignal signal, CancellationToken cancellationToken) =>
        _listener.PublishAsync(PostgresListener.DirectLineChannel, JsonSerializer.Serialize(signal, PostgresSignalJson.Default.DirectLineSignal), cancellationToken);
}
