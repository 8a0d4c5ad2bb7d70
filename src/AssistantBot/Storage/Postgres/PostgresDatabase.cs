using AssistantBot.Storage.Rows;
using Npgsql;

namespace AssistantBot.Storage.Postgres;

/// <summary>
/// The shared PostgreSQL database: a pooled <see cref="NpgsqlDataSource"/> (no multiplexing), the schema brought up to
/// date before the first statement runs, and outages turned into <see cref="StorageUnavailableException"/> so a turn
/// apologises instead of failing. Statements use positional parameters ($1, $2 ...), which Npgsql sends as they are.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private readonly PostgresMigrator _migrator;
    private readonly Lock _schemaGate = new();
    private Task? _schemaReady;

    public PostgresDatabase(string connectionString, IReadOnlyList<SchemaModule> modules)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        settings.Multiplexing = false;
        // The stores run a handful of statements over and over; prepared once per physical connection, they skip
        // parsing and planning. An explicit setting in the connection string wins.
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 64;
        }

        // No statement here leaves session state behind on a pooled connection (SET LOCAL, transaction-scoped advisory
        // locks; LISTEN has its own connection outside the pool), so the reset Npgsql would otherwise send on every
        // return to the pool is pure cost: it doubled the transactions of a turn.
        settings.NoResetOnClose = true;
        settings.ApplicationName ??= "assistantbot";
        ConnectionString = settings.ConnectionString;
        DataSource = builder.Build();
        _migrator = new PostgresMigrator(DataSource, modules);
    }

    /// <summary>Reads a nullable timestamptz column (as UTC).</summary>
    public static readonly StoredTime Timestamptz = (row, ordinal) => row.IsDBNull(ordinal) ? null : row.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>The effective connection string, for connections that must not come from the pool (the listener).</summary>
    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// Applies pending schema steps once per process. A failure (database down at start-up) is not remembered: the next
    /// call tries again, so an instance started before its database recovers by itself.
    /// </summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        var ready = Volatile.Read(ref _schemaReady);
        if (ready is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        lock (_schemaGate)
        {
            if (_schemaReady is null || _schemaReady.IsFaulted || _schemaReady.IsCanceled)
            {
                _schemaReady = GuardAsync(() => _migrator.MigrateAsync(CancellationToken.None));
            }

            return _schemaReady.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Runs one statement on a pooled connection and returns the number of rows it changed.</summary>
    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] parameters) =>
        RunAsync(async () =>
        {
            await using var command = Command(sql, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Runs a query on a pooled connection and maps every row.</summary>
    public Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken, params object?[] parameters) =>
        RunAsync(async () =>
        {
            await using var command = Command(sql, parameters);
            return await ReadAllAsync(command, map, cancellationToken);
        }, cancellationToken);

    /// <summary>Runs work that needs one connection for several statements (a transaction).</summary>
    public Task<T> WithConnectionAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
            return await work(connection);
        }, cancellationToken);

    private NpgsqlCommand Command(string sql, params object?[] parameters)
    {
        var command = DataSource.CreateCommand(sql);
        AddParameters(command.Parameters, parameters);
        return command;
    }

    /// <summary>Positional parameters ($1, $2 ...) in order; null is SQL NULL.</summary>
    public static void AddParameters(NpgsqlParameterCollection collection, object?[] parameters)
    {
        foreach (var value in parameters)
        {
            // timestamptz takes UTC offsets only; a local DateTimeOffset would be refused.
            collection.Add(new NpgsqlParameter { Value = value is DateTimeOffset at ? at.ToUniversalTime() : value ?? DBNull.Value });
        }
    }

    private static async Task<List<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    /// <summary>For hosts disposed synchronously (the command-line tools).</summary>
    public void Dispose() => DataSource.Dispose();

    private async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        return await GuardAsync(work);
    }

    private async Task<T> GuardAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception ex) when (PostgresFaults.IsOutage(ex))
        {
            // Idle pooled connections died with the server; drop them so the next turn gets a fresh one.
            DataSource.Clear();
            throw PostgresFaults.Unavailable(ex);
        }
    }
}
