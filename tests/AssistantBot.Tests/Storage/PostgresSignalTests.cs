using AssistantBot.BotFramework.Schema;
using AssistantBot.Staff;
using AssistantBot.Storage.Postgres;
using AssistantBot.Tests.Infrastructure;
using Npgsql;

namespace AssistantBot.Tests.Storage;

/// <summary>Direct Line and console signals between two instances on one database (LISTEN/NOTIFY).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSignalTests(PostgresServer server) : IAsyncLifetime
{
    private readonly string _connectionString = server.CreateDatabase(nameof(PostgresSignalTests));
    private PostgresInstance _a = null!;
    private PostgresInstance _b = null!;

    public async Task InitializeAsync()
    {
        _a = new PostgresInstance(_connectionString);
        _b = new PostgresInstance(_connectionString);
        await _a.ListeningAsync();
        await _b.ListeningAsync();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task An_append_announced_on_one_instance_reaches_streams_on_the_other()
    {
        var stream = new RecordingSubscriber();
        using var subscription = _a.Notifier.Subscribe("conversation-1", stream);

        await _b.Notifier.PublishAppendedAsync("conversation-1", 7, default);

        Assert.Equal("appended 7", await stream.NextAsync());
    }

    [Fact]
    public async Task A_typing_indicator_published_on_one_instance_reaches_streams_on_the_other()
    {
        var stream = new RecordingSubscriber();
        using var subscription = _a.Notifier.Subscribe("conversation-2", stream);

        await _b.Notifier.PublishTransientAsync("conversation-2", new Activity { Type = ActivityTypes.Typing, Text = "…" }, default);

        Assert.Equal("typing …", await stream.NextAsync());
    }

    [Fact]
    public async Task Only_streams_of_the_announced_conversation_hear_it()
    {
        var other = new RecordingSubscriber();
        var mine = new RecordingSubscriber();
        using var first = _a.Notifier.Subscribe("conversation-3", other);
        using var second = _a.Notifier.Subscribe("conversation-4", mine);

        await _b.Notifier.PublishAppendedAsync("conversation-3", 1, default);
        await _b.Notifier.PublishAppendedAsync("conversation-4", 2, default);

        Assert.Equal("appended 2", await mine.NextAsync());
        Assert.Equal("appended 1", await other.NextAsync());
    }

    [Fact]
    public async Task An_instance_tells_its_own_streams_directly_and_ignores_its_own_notification()
    {
        var stream = new RecordingSubscriber();
        using var subscription = _a.Notifier.Subscribe("conversation-5", stream);

        await _a.Notifier.PublishAppendedAsync("conversation-5", 1, default);
        // Notifications arrive in commit order: once B's is heard, A's own would have been heard before it.
        await _b.Notifier.PublishAppendedAsync("conversation-5", 2, default);

        Assert.Equal("appended 1", await stream.NextAsync());
        Assert.Equal("appended 2", await stream.NextAsync());
    }

    [Fact]
    public async Task When_the_listening_connection_is_killed_it_reconnects_and_every_stream_re_reads()
    {
        var stream = new RecordingSubscriber();
        using var subscription = _a.Notifier.Subscribe("conversation-6", stream);

        await TerminateListenersAsync();
        await _a.ListeningAsync(times: 2);

        Assert.Equal("appended 0", await stream.NextAsync()); // the resync: re-read from your own watermark
        await _b.ListeningAsync(times: 2);
        await _b.Notifier.PublishAppendedAsync("conversation-6", 3, default);
        Assert.Equal("appended 3", await stream.NextAsync());
    }

    [Fact]
    public async Task A_console_event_published_on_one_instance_reaches_consoles_on_the_other()
    {
        using var closed = new CancellationTokenSource();
        var console = _a.StaffEvents.Subscribe(closed.Token);

        await _b.StaffEvents.PublishAsync(new StaffEvent("queue", "request-1"), default);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal(new StaffEvent("queue", "request-1"), await console.ReadAsync(timeout.Token));
        await closed.CancelAsync();
    }

    [Fact]
    public async Task After_a_reconnect_open_consoles_reload_their_queue()
    {
        using var closed = new CancellationTokenSource();
        var console = _a.StaffEvents.Subscribe(closed.Token);

        await TerminateListenersAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal(new StaffEvent("queue", null), await console.ReadAsync(timeout.Token));
        await closed.CancelAsync();
    }

    private async Task TerminateListenersAsync()
    {
        await using var source = NpgsqlDataSource.Create(_connectionString);
        await using var command = source.CreateCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()");
        command.Parameters.Add(new NpgsqlParameter { Value = PostgresListener.ApplicationName });
        // Both instances' listeners (a listener of an earlier test may still be on its way out).
        Assert.True((long)(await command.ExecuteScalarAsync())! >= 2);
    }
}
