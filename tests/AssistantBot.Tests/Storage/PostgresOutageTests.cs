using System.Net;
using System.Net.Sockets;
using System.Text;
using AssistantBot.BotFramework.Storage;
using AssistantBot.Handoff;
using AssistantBot.Storage.Postgres;
using AssistantBot.Tests.Infrastructure;
using Npgsql;

namespace AssistantBot.Tests.Storage;

/// <summary>An outage is <see cref="StorageUnavailableException"/> (the turn apologises); a bad statement is not.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresOutageTests(PostgresServer server)
{
    [Fact]
    public async Task A_server_that_refuses_connections_makes_every_store_unavailable()
    {
        await using var database = new PostgresDatabase(
            $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Database=none;Timeout=5", PostgresServiceCollectionExtensions.Schema);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => new PostgresStorage(database, TimeProvider.System).ReadAsync("key", default));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => new PostgresDirectLineStore(database, TimeProvider.System).FindConversationAsync("c", default));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => new PostgresHandoffStore(database).FindAsync("r", default));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => new PostgresStaffStore(database).FindAsync("s", default));
    }

    [Fact]
    public async Task A_connection_the_server_ends_is_an_outage_and_the_next_statement_gets_a_fresh_one()
    {
        var connectionString = server.CreateDatabase();
        await using var database = new PostgresDatabase(connectionString, PostgresServiceCollectionExtensions.Schema);
        var storage = new PostgresStorage(database, TimeProvider.System);
        await storage.WriteAsync("key", Encoding.UTF8.GetBytes("{}"), null, default);

        await using (var admin = NpgsqlDataSource.Create(connectionString))
        await using (var terminate = admin.CreateCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"))
        {
            Assert.Equal(1L, await terminate.ExecuteScalarAsync()); // the store's idle pooled connection
        }

        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.ReadAsync("key", default));
        Assert.NotNull(await storage.ReadAsync("key", default));
    }

    [Fact]
    public async Task A_constraint_violation_stays_a_database_error()
    {
        var store = new PostgresHandoffStore(server.Database(nameof(PostgresOutageTests)));
        var first = Request("PA-DUPLICATE");
        await store.CreateAsync(first, default);

        var error = await Assert.ThrowsAsync<PostgresException>(() => store.CreateAsync(Request("PA-DUPLICATE"), default));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    [Fact]
    public void Outages_and_statement_errors_are_told_apart()
    {
        Assert.True(PostgresFaults.IsOutageState(PostgresErrorCodes.AdminShutdown));
        Assert.True(PostgresFaults.IsOutageState(PostgresErrorCodes.CannotConnectNow));
        Assert.True(PostgresFaults.IsOutageState(PostgresErrorCodes.ConnectionFailure));
        Assert.True(PostgresFaults.IsOutageState(PostgresErrorCodes.TooManyConnections));
        Assert.False(PostgresFaults.IsOutageState(PostgresErrorCodes.UniqueViolation));
        Assert.False(PostgresFaults.IsOutageState(PostgresErrorCodes.SyntaxError));
        Assert.False(PostgresFaults.IsOutage(new InvalidOperationException()));
    }

    private static HandoffRequest Request(string reference) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Reference = reference,
        IntakeId = Guid.NewGuid().ToString("N"),
        ChannelId = "directline",
        ConversationId = "c",
        Status = HandoffStatus.New,
        CreatedAt = DateTimeOffset.UtcNow,
        DueBy = DateTimeOffset.UtcNow.AddDays(1),
        ProtectedContact = Encoding.UTF8.GetBytes("contact"),
    };

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port; // closed again when the probe is disposed
    }
}

/// <summary>
/// The database restarts under a running instance: while it is down the stores are unavailable; afterwards they work
/// again and the listener reconnects by itself and tells every stream to re-read. Its own server, since it stops it.
/// </summary>
public sealed class PostgresRestartTests : IDisposable
{
    private readonly PostgresServer _server = new();

    [Fact]
    public async Task After_the_server_restarts_the_stores_and_the_listener_recover_by_themselves()
    {
        var connectionString = _server.CreateDatabase("restart");
        await using var a = new PostgresInstance(connectionString);
        await using var b = new PostgresInstance(connectionString);
        var storage = new PostgresStorage(a.Database, TimeProvider.System);
        await storage.WriteAsync("key", Encoding.UTF8.GetBytes("{}"), null, default);
        await a.ListeningAsync();
        var stream = new RecordingSubscriber();
        using var subscription = a.Notifier.Subscribe("conversation", stream);

        _server.Stop();
        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.ReadAsync("key", default));
        _server.Restart();

        await a.ListeningAsync(times: 2);
        Assert.Equal("appended 0", await stream.NextAsync());
        Assert.NotNull(await EventuallyAsync(() => storage.ReadAsync("key", default)));
        await b.ListeningAsync(times: 2);
        await b.Notifier.PublishAppendedAsync("conversation", 1, default);
        Assert.Equal("appended 1", await stream.NextAsync());
    }

    public void Dispose() => _server.Dispose();

    /// <summary>Retries while the store reports an outage (connections that died with the server are dropped one failure at a time).</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> attempt)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (StorageUnavailableException) when (!timeout.IsCancellationRequested)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
    }
}
