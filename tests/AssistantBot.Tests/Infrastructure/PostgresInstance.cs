using System.Threading.Channels;
using AssistantBot.BotFramework.Schema;
using AssistantBot.DirectLine;
using AssistantBot.Staff;
using AssistantBot.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace AssistantBot.Tests.Infrastructure;

/// <summary>What one instance of the assistant holds on a shared database: its pool, its listener and its relays.</summary>
public sealed class PostgresInstance : IAsyncDisposable
{
    public PostgresInstance(string connectionString)
    {
        Database = new PostgresDatabase(connectionString, PostgresServiceCollectionExtensions.Schema);
        Listener = new PostgresListener(Database, NullLogger<PostgresListener>.Instance);
        Notifier = new PostgresDirectLineNotifier(new InProcessNotifier(), Listener);
        StaffEvents = new PostgresStaffEvents(new InProcessStaffEvents(), Listener);
    }

    public PostgresDatabase Database { get; }

    public PostgresListener Listener { get; }

    public PostgresDirectLineNotifier Notifier { get; }

    public PostgresStaffEvents StaffEvents { get; }

    /// <summary>Waits until the listener has connected <paramref name="times"/> times in all (each connection runs LISTEN first).</summary>
    public async Task ListeningAsync(int times = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Listener.Connections < times)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Listener.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>A stream's view of the notifier: every signal it hears, in order.</summary>
public sealed class RecordingSubscriber : IDirectLineSubscriber
{
    private readonly Channel<string> _heard = Channel.CreateUnbounded<string>();

    public void OnAppended(long watermark) => _heard.Writer.TryWrite($"appended {watermark}");

    public void OnTransient(Activity activity) => _heard.Writer.TryWrite($"{activity.Type} {activity.Text}");

    /// <summary>The next signal heard (waiting up to 30 seconds for it).</summary>
    public async Task<string> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _heard.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Skips signals until <paramref name="expected"/> is heard, and returns those skipped.</summary>
    public async Task<List<string>> UntilAsync(string expected)
    {
        var skipped = new List<string>();
        for (var heard = await NextAsync(); heard != expected; heard = await NextAsync())
        {
            skipped.Add(heard);
        }

        return skipped;
    }
}
