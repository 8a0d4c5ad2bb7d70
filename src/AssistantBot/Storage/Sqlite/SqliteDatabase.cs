using AssistantBot.BotFramework.Storage;
using Microsoft.Data.Sqlite;

namespace AssistantBot.Storage.Sqlite;

/// <summary>
/// The embedded database file, in WAL mode: readers use pooled connections and run beside the writer, while all
/// writes of this process go through one connection, one at a time. SQLite allows a single writer anyway; queuing
/// here is far cheaper than letting writers collide on the file lock and back off (Microsoft.Data.Sqlite retries a
/// busy database after sleeping 150 ms).
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteConnection? _writer;

    static SqliteDatabase() => SQLitePCL.Batteries_V2.Init();

    public SqliteDatabase(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode = WAL;");
    }

    public string Path { get; }

    /// <summary>Runs a query on a pooled connection.</summary>
    public T Read<T>(Func<SqliteConnection, T> query)
    {
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            return query(connection);
        }
        catch (SqliteException ex) when (IsOutage(ex))
        {
            throw Unavailable(ex);
        }
    }

    /// <summary>
    /// Runs a change on the process's single write connection; changes never overlap. Waiting for the connection is
    /// asynchronous, so a queue of writers does not tie up thread-pool threads.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, T> change, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            _writer ??= Open();
            return change(_writer);
        }
        catch (SqliteException ex) when (IsOutage(ex))
        {
            // The connection may be what is broken; the next write opens a fresh one.
            _writer?.Dispose();
            _writer = null;
            throw Unavailable(ex);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose()
    {
        _writeGate.Wait();
        _writer?.Dispose();
        _writer = null;
        _writeGate.Release();
    }

    /// <summary>A pooled connection with the write pragmas set; prefer <see cref="Read{T}"/> and <see cref="Write{T}"/>.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Not persistent, so set on every checkout. NORMAL in WAL mode never corrupts the database; a power cut may
        // lose the last transactions, while a killed process loses nothing that was committed.
        Execute(connection, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;");
        return connection;
    }

    /// <summary>
    /// Applies a module's schema steps that have not run yet, in order, each in its own transaction.
    /// Step numbers are positions in the list, so steps are only ever appended.
    /// </summary>
    public void Migrate(string module, IReadOnlyList<string> steps)
    {
        using var connection = Open();
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (module, version));");
        for (var version = 1; version <= steps.Count; version++)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE module = $m AND version = $v";
            check.Parameters.AddWithValue("$m", module);
            check.Parameters.AddWithValue("$v", version);
            if ((long)check.ExecuteScalar()! > 0)
            {
                continue;
            }

            using var apply = connection.CreateCommand();
            apply.Transaction = transaction;
            apply.CommandText = steps[version - 1];
            apply.ExecuteNonQuery();
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (module, version, applied_at) VALUES ($m, $v, $t)";
            record.Parameters.AddWithValue("$m", module);
            record.Parameters.AddWithValue("$v", version);
            record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O"));
            record.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <summary>Failures of the database itself (disk full, I/O, locked, corrupt), as opposed to a bad statement or constraint.</summary>
    private static bool IsOutage(SqliteException ex) => ex.SqliteErrorCode is not (1 or 19 or 20 or 25);

    private StorageUnavailableException Unavailable(SqliteException ex) =>
        new($"The database {System.IO.Path.GetFileName(Path)} failed (SQLite error {ex.SqliteErrorCode}).", ex);

    /// <summary>Reads a nullable time column stored as Unix milliseconds.</summary>
    public static readonly Rows.StoredTime UnixMilliseconds = (row, ordinal) =>
        row.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(ordinal));

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
