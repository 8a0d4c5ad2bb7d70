using AssistantBot.Staff;
using AssistantBot.Storage.Rows;
using Microsoft.Data.Sqlite;

namespace AssistantBot.Storage.Sqlite;

/// <summary>Staff accounts and the audit log in SQLite. Times are Unix milliseconds.</summary>
public sealed class SqliteStaffStore : IStaffStore, IAuditLog
{
    public static readonly IReadOnlyList<string> Schema =
    [
        """
        CREATE TABLE staff_accounts (
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            failed_sign_ins INTEGER NOT NULL DEFAULT 0,
            locked_until INTEGER,
            disabled INTEGER NOT NULL DEFAULT 0,
            last_seen_at INTEGER,
            created_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE audit_log (
            at INTEGER NOT NULL,
            staff_id TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT
        );
        CREATE INDEX audit_log_by_time ON audit_log (at);
        """,
    ];

    private const string Columns = StaffRows.Columns;

    private readonly SqliteDatabase _database;

    public SqliteStaffStore(SqliteDatabase database)
    {
        _database = database;
        database.Migrate("staff", Schema);
    }

    public async Task<bool> AddAsync(StaffAccount account, CancellationToken cancellationToken) =>
        await _database.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                INSERT INTO staff_accounts (id, email, display_name, role, password_hash, created_at)
                VALUES ($id, $email, $name, $role, $hash, $now) ON CONFLICT DO NOTHING
                """;
            command.Parameters.AddWithValue("$id", account.Id);
            command.Parameters.AddWithValue("$email", account.Email);
            command.Parameters.AddWithValue("$name", account.DisplayName);
            command.Parameters.AddWithValue("$role", account.Role);
            command.Parameters.AddWithValue("$hash", account.PasswordHash);
            command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery();
        }, cancellationToken) == 1;

    public Task<StaffAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        _database.ReadAsync(c => QueryAccounts(c, $"SELECT {Columns} FROM staff_accounts WHERE email = $v", email).FirstOrDefault());

    public Task<StaffAccount?> FindAsync(string id, CancellationToken cancellationToken) =>
        _database.ReadAsync(c => QueryAccounts(c, $"SELECT {Columns} FROM staff_accounts WHERE id = $v", id).FirstOrDefault());

    public Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<StaffAccount>>(c => QueryAccounts(c, $"SELECT {Columns} FROM staff_accounts WHERE $v = $v ORDER BY display_name", "all"));

    public Task RecordFailedSignInAsync(string id, int maxFailures, DateTimeOffset lockUntil, CancellationToken cancellationToken) =>
        Change("""
            UPDATE staff_accounts SET
                locked_until = CASE WHEN failed_sign_ins + 1 >= $max THEN $until ELSE locked_until END,
                failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= $max THEN 0 ELSE failed_sign_ins + 1 END
            WHERE id = $id
            """, id, cancellationToken, ("$max", maxFailures), ("$until", lockUntil.ToUnixTimeMilliseconds()));

    public Task RecordSignInAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        Change("UPDATE staff_accounts SET failed_sign_ins = 0, locked_until = NULL, last_seen_at = $at WHERE id = $id",
            id, cancellationToken, ("$at", at.ToUnixTimeMilliseconds()));

    public Task SetPasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken) =>
        Change("UPDATE staff_accounts SET password_hash = $hash WHERE id = $id", id, cancellationToken, ("$hash", passwordHash));

    public Task SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken) =>
        Change("UPDATE staff_accounts SET disabled = $disabled WHERE id = $id", id, cancellationToken, ("$disabled", disabled ? 1 : 0));

    public Task TouchAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        Change("UPDATE staff_accounts SET last_seen_at = $at WHERE id = $id", id, cancellationToken, ("$at", at.ToUnixTimeMilliseconds()));

    public Task<bool> AnyPresentSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        _database.ReadAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT EXISTS (SELECT 1 FROM staff_accounts WHERE disabled = 0 AND last_seen_at >= $since)";
            command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
            return (long)command.ExecuteScalar()! == 1;
        });

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        _database.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "INSERT INTO audit_log (at, staff_id, action, target) VALUES ($at, $staff, $action, $target)";
            command.Parameters.AddWithValue("$at", entry.At.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$staff", entry.StaffId);
            command.Parameters.AddWithValue("$action", entry.Action);
            command.Parameters.AddWithValue("$target", (object?)entry.Target ?? DBNull.Value);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> RecentAsync(int max, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<AuditEntry>>(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT at, staff_id, action, target FROM audit_log ORDER BY at DESC, rowid DESC LIMIT $max";
            command.Parameters.AddWithValue("$max", max);
            using var reader = command.ExecuteReader();
            var entries = new List<AuditEntry>();
            while (reader.Read())
            {
                entries.Add(StaffRows.Audit(reader, SqliteDatabase.UnixMilliseconds));
            }

            return entries;
        });

    private Task Change(string sql, string id, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        _database.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", id);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return command.ExecuteNonQuery();
        }, cancellationToken);

    private static List<StaffAccount> QueryAccounts(SqliteConnection connection, string sql, string value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$v", value);
        using var reader = command.ExecuteReader();
        var accounts = new List<StaffAccount>();
        while (reader.Read())
        {
            accounts.Add(StaffRows.Account(reader, SqliteDatabase.UnixMilliseconds));
        }

        return accounts;
    }
}
