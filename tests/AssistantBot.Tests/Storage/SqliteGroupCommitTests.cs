using AssistantBot.Storage.Sqlite;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace AssistantBot.Tests.Storage;

/// <summary>Writes queued from many threads share transactions; none may be lost, left waiting, or fail another.</summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30); // a write never committed would wait forever
    private readonly SqliteTestDatabase _file = new();

    public SqliteGroupCommitTests() =>
        _file.Database.WriteAsync(c => { SqliteDatabase.Execute(c, "CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL)"); return 0; }).Wait();

    [Fact]
    public async Task Thousands_of_concurrent_writes_all_complete_and_are_all_stored()
    {
        const int writers = 8, perWriter = 500;
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var pending = new List<Task<long>>();
            for (var i = 0; i < perWriter; i++)
            {
                var id = (w * perWriter) + i;
                var write = Insert(id);
                pending.Add(write);
                // Some awaited one by one (a committer must be scheduled again after going idle), some in bursts.
                if (i % 3 == 0)
                {
                    Assert.Equal(id, await write);
                }
            }

            return await Task.WhenAll(pending);
        })).ToList();

        var ids = (await Task.WhenAll(tasks).WaitAsync(Patience)).SelectMany(x => x).ToList();
        Assert.Equal(Enumerable.Range(0, writers * perWriter).Select(i => (long)i), ids.Order());
        Assert.Equal(writers * perWriter, await Count());
    }

    [Fact]
    public async Task A_failing_statement_fails_alone_and_its_batch_neighbours_are_stored()
    {
        await Insert(1).WaitAsync(Patience);
        var writes = new[] { Insert(2), Insert(1), Insert(3) }; // the second breaks the primary key
        await Assert.ThrowsAsync<SqliteException>(() => writes[1].WaitAsync(Patience));
        Assert.Equal(2, await writes[0].WaitAsync(Patience));
        Assert.Equal(3, await writes[2].WaitAsync(Patience));
        Assert.Equal(3, await Count());
    }

    [Fact]
    public async Task A_write_queued_while_a_batch_commits_is_committed_after_it()
    {
        using var committing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = _file.Database.WriteInBatchAsync(connection =>
        {
            committing.Set();
            release.Wait(Patience);
            return InsertRow(connection, 1);
        });
        Assert.True(committing.Wait(Patience));
        var second = Insert(2); // the committer is busy: this write must not wait for some later write to wake it
        release.Set();
        Assert.Equal(1, await first.WaitAsync(Patience));
        Assert.Equal(2, await second.WaitAsync(Patience));
    }

    private Task<long> Insert(long id) => _file.Database.WriteInBatchAsync(connection => InsertRow(connection, id));

    private static long InsertRow(SqliteConnection connection, long id)
    {
        var command = SqliteDatabase.Prepared(connection, "INSERT INTO items (id, value) VALUES ($id, 'x') RETURNING id", "$id");
        command.Parameters[0].Value = id;
        return (long)command.ExecuteScalar()!;
    }

    private Task<long> Count() => _file.Database.ReadAsync(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM items";
        return (long)command.ExecuteScalar()!;
    });

    public void Dispose() => _file.Dispose();
}
