using System.Collections.Concurrent;
using AssistantBot.BotFramework.Schema;

namespace AssistantBot.DirectLine;

/// <summary>The single-instance notifier: subscribers of a conversation are called in this process.</summary>
public sealed class InProcessNotifier : IDirectLineNotifier
{
    private readonly ConcurrentDictionary<string, ImmutableSubscribers> _subscribers = new(StringComparer.Ordinal);

    public IDisposable Subscribe(string conversationId, IDirectLineSubscriber subscriber)
    {
        _subscribers.AddOrUpdate(conversationId, _ => new([subscriber]), (_, list) => new([.. list.Items, subscriber]));
        return new Subscription(this, conversationId, subscriber);
    }

    public ValueTask PublishAppendedAsync(string conversationId, long watermark, CancellationToken cancellationToken)
    {
        NotifyLocal(conversationId, s => s.OnAppended(watermark));
        return ValueTask.CompletedTask;
    }

    public ValueTask PublishTransientAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        NotifyLocal(conversationId, s => s.OnTransient(activity));
        return ValueTask.CompletedTask;
    }

    /// <summary>Calls this process's subscribers; a cross-instance notifier calls it when the database signals.</summary>
    public void NotifyLocal(string conversationId, Action<IDirectLineSubscriber> signal)
    {
        if (_subscribers.TryGetValue(conversationId, out var list))
        {
            foreach (var subscriber in list.Items)
            {
                signal(subscriber);
            }
        }
    }

    /// <summary>Calls every subscriber of every conversation, when signals may have been missed and all must re-read.</summary>
    public void NotifyAllLocal(Action<IDirectLineSubscriber> signal)
    {
        foreach (var list in _subscribers.Values)
        {
            foreach (var subscriber in list.Items)
            {
                signal(subscriber);
            }
        }
    }

    public bool HasSubscribers(string conversationId) => _subscribers.ContainsKey(conversationId);

    private void Unsubscribe(string conversationId, IDirectLineSubscriber subscriber)
    {
        while (_subscribers.TryGetValue(conversationId, out var list))
        {
            var remaining = list.Items.Where(s => !ReferenceEquals(s, subscriber)).ToArray();
            var done = remaining.Length == 0
                ? _subscribers.TryRemove(new KeyValuePair<string, ImmutableSubscribers>(conversationId, list))
                : _subscribers.TryUpdate(conversationId, new(remaining), list);
            if (done)
            {
                return;
            }
        }
    }

    private sealed record ImmutableSubscribers(IDirectLineSubscriber[] Items);

    private sealed class Subscription(InProcessNotifier owner, string conversationId, IDirectLineSubscriber subscriber) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(conversationId, subscriber);
            }
        }
    }
}
