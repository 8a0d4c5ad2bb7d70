using System.Globalization;
using AssistantBot.BotFramework.Storage;

namespace AssistantBot.Storage.Postgres;

/// <summary>
/// Turn state in PostgreSQL; the ETag is a version number that every write increments. A conditional write is one
/// statement, so two instances writing the same key with the same ETag are serialised by the row lock and the second
/// finds the version moved on.
/// </summary>
public sealed class PostgresStorage(PostgresDatabase database, TimeProvider clock) : IStorage
{
    // The document is opaque to the database: bytea keeps the application's bytes as they are, without parsing.
    public static readonly SchemaModule Schema = new("state",
    [
        """
        CREATE TABLE state_items (
            key text PRIMARY KEY,
            json bytea NOT NULL,
            version bigint NOT NULL,
            updated_at timestamptz NOT NULL
        );
        """,
    ]);

    private const string Create =
        "INSERT INTO state_items (key, json, version, updated_at) VALUES ($1, $2, 1, $3) ON CONFLICT (key) DO NOTHING RETURNING version";

    private const string Overwrite = """
        INSERT INTO state_items (key, json, version, updated_at) VALUES ($1, $2, 1, $3)
        ON CONFLICT (key) DO UPDATE SET json = excluded.json, version = state_items.version + 1, updated_at = excluded.updated_at
        RETURNING version
        """;

    private const string Replace =
        "UPDATE state_items SET json = $2, version = version + 1, updated_at = $3 WHERE key = $1 AND version = $4 RETURNING version";

    public async Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync("SELECT json, version FROM state_items WHERE key = $1",
            r => new StoreItem(r.GetFieldValue<byte[]>(0), ETag(r.GetInt64(1))), cancellationToken, key);
        return rows.FirstOrDefault();
    }

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> json, string? expectedETag, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var bytes = json.ToArray();
        List<long> version;
        if (expectedETag is null)
        {
            version = await database.QueryAsync(Create, r => r.GetInt64(0), cancellationToken, key, bytes, now);
        }
        else if (expectedETag == "*")
        {
            version = await database.QueryAsync(Overwrite, r => r.GetInt64(0), cancellationToken, key, bytes, now);
        }
        else if (long.TryParse(expectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            version = await database.QueryAsync(Replace, r => r.GetInt64(0), cancellationToken, key, bytes, now, expected);
        }
        else
        {
            version = []; // not an ETag this store issued: it cannot be current
        }

        return version.Count == 1 ? ETag(version[0]) : throw new StorageConflictException(key);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM state_items WHERE key = $1", cancellationToken, key);

    private static string ETag(long version) => version.ToString(CultureInfo.InvariantCulture);
}
