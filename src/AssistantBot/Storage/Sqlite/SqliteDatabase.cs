using AssistantBot.BotFramework.Storage;
using Microsoft.Data.Sqlite;

namespace AssistantBot.Storage.Sqlite;

/// <summary>
/// The embedded database file, used by this process through ONE connection, one statement batch at a time.
/// SQLite allows a single writer anyway, and concurrent readers beside a writer are not free here: a WAL reader that
/// races the writer gets SQLITE_BUSY, and this build of SQLite (no usleep) then sleeps a whole second before retrying
/// (Microsoft.Data.Sqlite's own fallback sleeps 150 ms). A queue in front of one connection has no such stalls, and a
/// point read or write on it takes microseconds. Waiting is asynchronous, so queued callers hold no threads.
/// Statements run often are prepared once (<see cref="Prepared"/>). Small independent writes (turn state) can share a
/// transaction with whatever else is waiting (<see cref="WriteInBatchAsync{T}"/>): group commit, one WAL append and one
/// round of file locking for many turns.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private const int MaxBatch = 256;
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SqliteConnection, ConnectionStatements> Statements = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<IBatchedWrite> _batch = new();
    private SqliteConnection? _connection;
    private int _committerScheduled;

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

    /// <summary>Runs a query on the process's connection, after whatever is queued before it.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> query, CancellationToken cancellationToken = default) =>
        RunAsync(query, cancellationToken);

    /// <summary>Runs a change on the process's connection; changes never overlap with each other or with reads.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> change, CancellationToken cancellationToken = default) =>
        RunAsync(change, cancellationToken);

    private async Task<T> RunAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _connection ??= Open();
            return work(_connection);
        }
        catch (SqliteException ex) when (IsOutage(ex))
        {
            // The connection may be what is broken; the next call opens a fresh one.
            Close(_connection);
            _connection = null;
            throw Unavailable(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs a small write that needs no transaction of its own, together with other such writes queued meanwhile, in
    /// one transaction. Each write's result (or its own statement error) is its own; if the commit fails, all fail.
    /// The writes must use <see cref="Prepared"/> commands, which join the batch's transaction. <paramref name="undo"/>
    /// runs, still inside the queue, when the batch is rolled back: for memory kept in step with the file.
    /// </summary>
    public Task<T> WriteInBatchAsync<T>(Func<SqliteConnection, T> change, Action? undo = null)
    {
        var write = new BatchedWrite<T>(change, undo);
        _batch.Enqueue(write);
        if (Interlocked.CompareExchange(ref _committerScheduled, 1, 0) == 0)
        {
            ScheduleCommitter();
        }

        return write.Task;
    }

    /// <summary>
    /// One committer at a time, rather than one per write, keeps the queue's handoffs to one per batch. It goes to the
    /// back of the thread pool's global queue, behind the requests already waiting for a thread, so the writes of the
    /// turns they run join its batch: at 32 concurrent conversations that made batches of about 7 writes instead of 1.3
    /// and cut the CPU time of a turn by a seventh (docs/benchmarks.md).
    /// </summary>
    private void ScheduleCommitter() =>
        ThreadPool.UnsafeQueueUserWorkItem(static database => _ = database.CommitQueuedAsync(), this, preferLocal: false);

    private async Task CommitQueuedAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            CommitBatch();
        }
        finally
        {
            _gate.Release(); // one batch per turn at the connection, so reads queued meanwhile go next
        }

        // Writes queued during the commit, or after it but before this reset, saw a committer scheduled: take them here.
        Volatile.Write(ref _committerScheduled, 0);
        if (!_batch.IsEmpty && Interlocked.CompareExchange(ref _committerScheduled, 1, 0) == 0)
        {
            ScheduleCommitter();
        }
    }

    private void CommitBatch()
    {
        var writes = new List<IBatchedWrite>();
        try
        {
            while (writes.Count < MaxBatch && _batch.TryDequeue(out var queued))
            {
                writes.Add(queued);
            }

            if (writes.Count == 0)
            {
                return;
            }

            _connection ??= Open();
            var statements = Statements.GetOrCreateValue(_connection);
            using (var transaction = _connection.BeginTransaction(deferred: false))
            {
                statements.Transaction = transaction;
                try
                {
                    foreach (var write in writes)
                    {
                        write.Run(_connection);
                    }

                    transaction.Commit();
                }
                finally
                {
                    statements.Transaction = null;
                }
            }

            foreach (var write in writes)
            {
                write.Complete();
            }
        }
        catch (SqliteException ex) when (IsOutage(ex))
        {
            Close(_connection);
            _connection = null;
            var unavailable = Unavailable(ex);
            foreach (var write in writes)
            {
                write.Fail(unavailable);
            }
        }
        catch (Exception ex)
        {
            foreach (var write in writes)
            {
                write.Fail(ex);
            }
        }
    }

    private interface IBatchedWrite
    {
        void Run(SqliteConnection connection);

        void Complete();

        void Fail(Exception error);
    }

    private sealed class BatchedWrite<T>(Func<SqliteConnection, T> change, Action? undo) : IBatchedWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _done.Task;

        public void Run(SqliteConnection connection)
        {
            try
            {
                _result = change(connection);
            }
            catch (SqliteException ex) when (!IsOutage(ex))
            {
                _error = ex; // this statement failed on its own; SQLite rolled back only it
            }
        }

        public void Complete()
        {
            if (_error is not null)
            {
                _done.TrySetException(_error);
            }
            else
            {
                _done.TrySetResult(_result!);
            }
        }

        public void Fail(Exception error)
        {
            undo?.Invoke();
            _done.TrySetException(error);
        }
    }

    private sealed class ConnectionStatements
    {
        public Dictionary<string, SqliteCommand> Commands { get; } = new(StringComparer.Ordinal);

        public SqliteTransaction? Transaction { get; set; }
    }

    /// <summary>
    /// A prepared statement of this connection for <paramref name="sql"/>, created on first use and kept with the
    /// connection. Parameters keep the names given the first time; set their values on every use.
    /// </summary>
    public static SqliteCommand Prepared(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        var statements = Statements.GetOrCreateValue(connection);
        var cache = statements.Commands;
        if (!cache.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            cache[sql] = command;
        }

        command.Transaction = statements.Transaction;
        return command;
    }

    public void Dispose()
    {
        _gate.Wait();
        Close(_connection);
        _connection = null;
        _gate.Release();
    }

    private static void Close(SqliteConnection? connection)
    {
        if (connection is null)
        {
            return;
        }

        if (Statements.TryGetValue(connection, out var statements))
        {
            foreach (var command in statements.Commands.Values)
            {
                command.Dispose();
            }

            statements.Commands.Clear();
        }

        connection.Dispose();
    }

    /// <summary>A connection of its own with the pragmas set, for migrations and tools; prefer <see cref="ReadAsync{T}"/> and <see cref="WriteAsync{T}"/>.</summary>
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
