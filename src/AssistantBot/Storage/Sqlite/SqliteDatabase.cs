using Microsoft.Data.Sqlite;

namespace AssistantBot.Storage.Sqlite;

/// <summary>
/// The embedded database file. Connections come from Microsoft.Data.Sqlite's pool; WAL lets readers run beside the
/// one writer, and a busy timeout makes concurrent writers wait instead of failing.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

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

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
