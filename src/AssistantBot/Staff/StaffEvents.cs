using System.Collections.Concurrent;
using System.Threading.Channels;

namespace AssistantBot.Staff;

/// <summary>Something the open consoles should refresh: the queue, or one request's live chat.</summary>
public sealed record StaffEvent(string Kind, string? RequestId);

/// <summary>
/// Fan-out of console events to every open console (server-sent events) in this process. With several instances a
/// database-backed implementation relays them between instances.
/// </summary>
public interface IStaffEvents
{
    ChannelReader<StaffEvent> Subscribe(CancellationToken until);

    ValueTask PublishAsync(StaffEvent staffEvent, CancellationToken cancellationToken);
}

public sealed class InProcessStaffEvents : IStaffEvents
{
    private readonly ConcurrentDictionary<Channel<StaffEvent>, byte> _subscribers = new();

    public ChannelReader<StaffEvent> Subscribe(CancellationToken until)
    {
        var channel = Channel.CreateBounded<StaffEvent>(new BoundedChannelOptions(100) { FullMode = BoundedChannelFullMode.DropOldest });
        _subscribers[channel] = 0;
        until.Register(() =>
        {
            _subscribers.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    public ValueTask PublishAsync(StaffEvent staffEvent, CancellationToken cancellationToken)
    {
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Writer.TryWrite(staffEvent);
        }

        return ValueTask.CompletedTask;
    }
}
