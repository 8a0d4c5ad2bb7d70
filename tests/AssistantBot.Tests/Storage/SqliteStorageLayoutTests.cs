using System.Text;
using AssistantBot.Storage.Sqlite;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace AssistantBot.Tests.Storage;

/// <summary>How turn state sits in the SQLite file: a save must rewrite one page, and the table's rebuild keeps every ETag.</summary>
public sealed class SqliteStorageLayoutTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public async Task Saving_a_state_of_a_few_kilobytes_rewrites_one_page()
    {
        var storage = new SqliteStorage(_file.Database, TimeProvider.System);
        var state = Encoding.UTF8.GetBytes($$"""{"recentActivities":"{{new string('A', 2_500)}}"}""");
        var etags = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            etags.Add(await storage.WriteAsync($"conversation/test/{i}", state, null, CancellationToken.None));
        }

        await _file.Database.WriteAsync(c => WalFrames(c, "TRUNCATE"));
        await storage.WriteAsync("conversation/test/17", state, etags[17], CancellationToken.None);

        // Frames appended to the write-ahead log by that one save: its table page, and no overflow page beside it.
        Assert.Equal(1, await _file.Database.WriteAsync(c => WalFrames(c, "PASSIVE")));
    }

    [Fact]
    public async Task States_saved_before_the_table_was_rebuilt_are_read_with_their_ETags_and_accept_them()
    {
        _file.Database.Migrate("state", [SqliteStorage.Schema[0]]);
        await _file.Database.WriteAsync(c => Scalar(c,
            "INSERT INTO state_items (key, json, version, updated_at) VALUES ('conversation/test/old', x'7B7D', 7, '2026-01-01T00:00:00Z') RETURNING version"));

        var storage = new SqliteStorage(_file.Database, TimeProvider.System);

        var item = await storage.ReadAsync("conversation/test/old", CancellationToken.None);
        Assert.NotNull(item);
        Assert.Equal("7", item.ETag);
        Assert.Equal("{}", Encoding.UTF8.GetString(item.Json));
        Assert.Equal("8", await storage.WriteAsync("conversation/test/old", "{\"a\":1}"u8.ToArray(), "7", CancellationToken.None));
        Assert.Equal(0, await _file.Database.ReadAsync(c => Scalar(c, "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%WITHOUT ROWID%'")));
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static long WalFrames(SqliteConnection connection, string mode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode})";
        using var reader = command.ExecuteReader();
        reader.Read();
        return reader.GetInt64(1);
    }

    public void Dispose() => _file.Dispose();
}
