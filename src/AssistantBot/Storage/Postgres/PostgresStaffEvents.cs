using System.Text.Json;
using System.Threading.Channels;
using AssistantBot.Staff;

namespace AssistantBot.Storage.Postgres;

/// <summary>
/// Console events across instances: consoles connected to this instance hear them at once, the others through NOTIFY,
/// so a console on one instance sees a request created on another.
/// </summary>
public sealed class PostgresStaffEvents : IStaffEvents, IPostgresChannelHandler
{
    private readonly InProcessStaffEvents _local;
    private readonly PostgresListener _listener;

    public PostgresStaffEvents(InProcessStaffEvents local, PostgresListener listener)
    {
        _local = local;
        _listener = listener;
        listener.Register(PostgresListener.StaffChannel, this);
    }

    public ChannelReader<StaffEvent> Subscribe(CancellationToken until) => _local.Subscribe(until);

    public async ValueTask PublishAsync(StaffEvent staffEvent, CancellationToken cancellationToken)
    {
        await _local.PublishAsync(staffEvent, cancellationToken);
        await _listener.PublishAsync(PostgresListener.StaffChannel, JsonSerializer.Serialize(staffEvent, PostgresSignalJson.Default.StaffEvent), cancellationToken);
    }

    public void OnNotification(string payload)
    {
        if (JsonSerializer.Deserialize(payload, PostgresSignalJson.Default.StaffEvent) is { } staffEvent)
        {
            _ = _local.PublishAsync(staffEvent, CancellationToken.None);
        }
    }

    /// <summary>Events may have been missed while the listener was away: open consoles reload their queue.</summary>
    public void OnResync() => _ = _local.PublishAsync(new StaffEvent("queue", null), CancellationToken.None);
}
