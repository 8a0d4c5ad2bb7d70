using AssistantBot.Storage.Sqlite;

namespace AssistantBot.Tests.Infrastructure;

/// <summary>An SQLite database file in a temporary directory, deleted on dispose.</summary>
public sealed class SqliteTestDatabase : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly List<SqliteDatabase> _opened = [];

    public SqliteTestDatabase() => Database = OpenAgain();

    public SqliteDatabase Database { get; }

    /// <summary>The same file opened again, with its own writer, as another process would.</summary>
    public SqliteDatabase OpenAgain()
    {
        var database = new SqliteDatabase(Path.Combine(_directory.Path, "assistantbot.db"));
        _opened.Add(database);
        return database;
    }

    public void Dispose()
    {
        foreach (var database in _opened)
        {
            database.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
