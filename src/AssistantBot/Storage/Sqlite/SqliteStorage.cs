using System.Globalization;
using AssistantBot.BotFramework.Storage;
using Microsoft.Data.Sqlite;

namespace AssistantBot.Storage.Sqlite;

/// <summary>
/// Turn state in SQLite; the ETag is a version number that every write increments. The file belongs to this one
/// process, so the items it read or wrote last are kept in memory too and a turn's read costs no query; the memory
/// copy is only ever changed inside the database's queue, in the same order as the file.
/// </summary>
public sealed class SqliteStorage : IStorage
{
    public static readonly IReadOnlyList<string> Schema =
    [
        """
        CREATE TABLE state_items (
            key TEXT PRIMARY KEY,
            json BLOB NOT NULL,
            version INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
        // A WITHOUT ROWID row keeps at most ~1,000 bytes in its b-tree page (a quarter of it); a conversation's state is
        // about that size, so every save also rewrote an overflow page. A rowid table keeps rows of up to ~4,000 bytes
        // in place: one page written per save, and about 30 % less CPU per turn (docs/benchmarks.md). Versions are
        // copied, so ETags issued before the change stay valid.
        """
        CREATE TABLE state_items_rowid (
            key TEXT NOT NULL UNIQUE,
            json BLOB NOT NULL,
            version INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        );
        INSERT INTO state_items_rowid (key, json, version, updated_at) SELECT key, json, version, updated_at FROM state_items;
        DROP TABLE state_items;
        ALTER TABLE state_items_rowid RENAME TO state_items;
        """,
    ];

    private const int CachedItems = 20_000;
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _clock;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, StoreItem?> _cache = new(StringComparer.Ordinal);

    public SqliteStorage(SqliteDatabase database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
        database.Migrate("state", Schema);
    }

    /// <summary>The item, from memory when this process has seen it. Callers must not change the returned bytes.</summary>
    public Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) =>
        _cache.TryGetValue(key, out var cached) ? Task.FromResult(cached) : _database.ReadAsync(connection =>
        {
            var command = SqliteDatabase.Prepared(connection, "SELECT json, version FROM state_items WHERE key = $key", "$key");
            command.Parameters[0].Value = key;
            StoreItem? item;
            using (var reader = command.ExecuteReader())
            {
                item = reader.Read()
                    ? new StoreItem((byte[])reader.GetValue(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture))
                    : null;
            }

            Remember(key, item);
            return item;
        }, cancellationToken);

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> json, string? expectedETag, CancellationToken cancellationToken)
    {
        long? expected = null;
        if (expectedETag is not (null or "*"))
        {
            if (!long.TryParse(expectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw new StorageConflictException(key); // not an ETag this store issued: it cannot be current
            }

            expected = parsed;
        }

        // If the batch is rolled back, memory must forget what the file never got.
        var version = await _database.WriteInBatchAsync(connection => Upsert(connection, key, json, expectedETag, expected), () => _cache.TryRemove(key, out _));
        return version is long v ? v.ToString(CultureInfo.InvariantCulture) : throw new StorageConflictException(key);
    }

    private object? Upsert(SqliteConnection connection, string key, ReadOnlyMemory<byte> json, string? expectedETag, long? expected)
    {
        var sql = expectedETag switch
        {
            null => "INSERT INTO state_items (key, json, version, updated_at) VALUES ($key, $json, 1, $now) ON CONFLICT (key) DO NOTHING RETURNING version",
            "*" => "INSERT INTO state_items (key, json, version, updated_at) VALUES ($key, $json, 1, $now) ON CONFLICT (key) DO UPDATE SET json = excluded.json, version = state_items.version + 1, updated_at = excluded.updated_at RETURNING version",
            _ => "UPDATE state_items SET json = $json, version = version + 1, updated_at = $now WHERE key = $key AND version = $expected RETURNING version",
        };
        var command = SqliteDatabase.Prepared(connection, sql, "$key", "$json", "$now", "$expected");
        command.Parameters[0].Value = key;
        command.Parameters[1].SqliteType = SqliteType.Blob;
        var bytes = json.ToArray();
        command.Parameters[1].Value = bytes;
        command.Parameters[2].Value = _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        command.Parameters[3].Value = (object?)expected ?? DBNull.Value;
        var version = command.ExecuteScalar();
        if (version is long v)
        {
            Remember(key, new StoreItem(bytes, v.ToString(CultureInfo.InvariantCulture)));
        }

        return version;
    }

    /// <summary>Called inside the database's queue only, so memory never holds an older version than the file.</summary>
    private void Remember(string key, StoreItem? item)
    {
        Caching.CacheBound.MakeRoom(_cache, CachedItems); // an item dropped is read from the file again
        _cache[key] = item;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        _database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM state_items WHERE key = $key";
            command.Parameters.AddWithValue("$key", key);
            var deleted = command.ExecuteNonQuery();
            Remember(key, null);
            return deleted;
        }, cancellationToken);


}
