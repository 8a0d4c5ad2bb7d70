using Npgsql;

namespace AssistantBot.Storage.Postgres;

/// <summary>A store's schema: steps applied in order, recorded by position, so steps are only ever appended.</summary>
public sealed record SchemaModule(string Name, IReadOnlyList<string> Steps);

/// <summary>
/// Brings the schema up to date, the same bookkeeping as SQLite's (<c>schema_migrations</c>: module, version). Every
/// instance runs this at start-up, possibly at the same moment, so the whole run is one transaction holding a
/// transaction-scoped advisory lock: a second instance waits for the first to commit, then finds nothing left to do.
/// DDL is transactional in PostgreSQL, so a step that fails leaves no half-built schema behind.
/// </summary>
public sealed class PostgresMigrator(NpgsqlDataSource dataSource, IReadOnlyList<SchemaModule> modules)
{
    /// <summary>An arbitrary constant naming "AssistantBot schema migrations" among the database's advisory locks.</summary>
    public const long LockKey = 0x4153_5349_5354_4d31; // "ASSISTM1"

    /// <summary>Returns the number of steps this call applied.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                module text NOT NULL,
                version integer NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (module, version)
            )
            """, cancellationToken);

        var applied = new HashSet<(string, int)>();
        await using (var read = new NpgsqlCommand("SELECT module, version FROM schema_migrations", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add((reader.GetString(0), reader.GetInt32(1)));
            }
        }

        var count = 0;
        foreach (var module in modules)
        {
            for (var version = 1; version <= module.Steps.Count; version++)
            {
                if (applied.Contains((module.Name, version)))
                {
                    continue;
                }

                await ExecuteAsync(connection, module.Steps[version - 1], cancellationToken);
                await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (module, version) VALUES ($1, $2)", connection);
                PostgresDatabase.AddParameters(record.Parameters, [module.Name, version]);
                await record.ExecuteNonQueryAsync(cancellationToken);
                count++;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
