using System.Collections.Concurrent;
using System.Text;
using AssistantBot.BotFramework.Storage;
using Npgsql;

namespace AssistantBot.Storage.Postgres;

/// <summary>What a LISTEN channel delivers to in this instance.</summary>
public interface IPostgresChannelHandler
{
    /// <summary>A notification published by another instance.</summary>
    void OnNotification(string payload);

    /// <summary>
    /// The listening connection was (re)established: notifications sent while it was down are lost, so whatever they
    /// would have triggered must be re-checked from the database.
    /// </summary>
    void OnResync();
}

/// <summary>
/// The instance's signal line to the others: one dedicated connection, outside the pool, that LISTENs on the
/// assistant's channels and reconnects by itself (with growing pauses) when the server restarts or the connection
/// drops. Publishing is <c>pg_notify</c> on a pooled connection; payloads carry this instance's id so it ignores its own
/// (local subscribers were told directly, without the round trip).
/// </summary>
public sealed class PostgresListener : IAsyncDisposable, IDisposable
{
    public const string DirectLineChannel = "assistantbot_directline";
    public const string StaffChannel = "assistantbot_staff";

    // PostgreSQL refuses payloads of 8000 bytes or more.
    private const int MaxPayloadBytes = 7900;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(5);

    /// <summary>The listening connection's application_name (visible in pg_stat_activity).</summary>
    public const string ApplicationName = "assistantbot-listener";

    private readonly PostgresDatabase _database;
    private readonly ILogger<PostgresListener> _logger;
    private readonly string _connectionString;
    private readonly ConcurrentDictionary<string, IPostgresChannelHandler> _handlers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startGate = new();
    private Task? _loop;
    private int _connections;

    public PostgresListener(PostgresDatabase database, ILogger<PostgresListener> logger)
    {
        _database = database;
        _logger = logger;
        var settings = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Pooling = false,
            // An idle socket to a vanished server could otherwise wait forever; keepalives make the wait fail.
            KeepAlive = 15,
            ApplicationName = ApplicationName,
        };
        _connectionString = settings.ConnectionString;
    }

    /// <summary>Tags this instance's notifications.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>How many times the listening connection has been established.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Routes a channel's notifications to <paramref name="handler"/> and makes sure the listener runs.</summary>
    public void Register(string channel, IPostgresChannelHandler handler)
    {
        _handlers[channel] = handler;
        lock (_startGate)
        {
            _loop ??= Task.Run(() => RunAsync(_stopping.Token));
        }
    }

    /// <summary>
    /// Tells the other instances. Best effort: if the database is down the signal is dropped, and every listener
    /// resyncs when it reconnects, which re-reads what the signal would have announced.
    /// </summary>
    public async ValueTask PublishAsync(string channel, string payload, CancellationToken cancellationToken)
    {
        var tagged = $"{InstanceId}:{payload}";
        if (Encoding.UTF8.GetByteCount(tagged) > MaxPayloadBytes)
        {
            _logger.LogDebug("Not relaying a {Channel} signal of {Length} characters to other instances", channel, tagged.Length);
            return;
        }

        try
        {
            await _database.ExecuteAsync("SELECT pg_notify($1, $2)", cancellationToken, channel, tagged);
        }
        catch (StorageUnavailableException ex)
        {
            _logger.LogWarning("Could not signal other instances on {Channel}: {Reason}", channel, ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stopping.Dispose();
    }

    /// <summary>For hosts disposed synchronously (the command-line tools).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task RunAsync(CancellationToken stopping)
    {
        var pause = FirstRetry;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                connection.Notification += (_, e) => Dispatch(e.Channel, e.Payload);
                await connection.OpenAsync(stopping);
                await using (var listen = new NpgsqlCommand($"LISTEN {DirectLineChannel}; LISTEN {StaffChannel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                pause = FirstRetry;
                Interlocked.Increment(ref _connections);
                _logger.LogInformation("Listening for other instances' signals");
                foreach (var handler in _handlers.Values)
                {
                    handler.OnResync();
                }

                while (true)
                {
                    await connection.WaitAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogWarning("The listening connection failed ({ExceptionType}); reconnecting in {Pause}", ex.GetType().Name, pause);
                try
                {
                    await Task.Delay(pause, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxRetry.Ticks));
            }
        }
    }

    private void Dispatch(string channel, string payload)
    {
        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || payload.AsSpan(0, colon).SequenceEqual(InstanceId) || !_handlers.TryGetValue(channel, out var handler))
        {
            return;
        }

        try
        {
            handler.OnNotification(payload[(colon + 1)..]);
        }
        catch (Exception ex)
        {
            // A malformed signal must not take the listening connection down with it.
            _logger.LogWarning("Ignored a {Channel} signal that could not be handled: {ExceptionType}", channel, ex.GetType().Name);
        }
    }
}
