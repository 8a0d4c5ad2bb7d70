using AssistantBot.Staff;
using AssistantBot.Storage.Rows;

namespace AssistantBot.Storage.Postgres;

/// <summary>Staff accounts and the audit log in PostgreSQL; the columns mirror SQLite's.</summary>
public sealed class PostgresStaffStore(PostgresDatabase database) : IStaffStore, IAuditLog
{
    // E-mail addresses are unique regardless of case, like SQLite's COLLATE NOCASE column; lookups use the same lower().
    public static readonly SchemaModule Schema = new("staff",
    [
        """
        CREATE TABLE staff_accounts (
            id text PRIMARY KEY,
            email text NOT NULL,
            display_name text NOT NULL,
            role text NOT NULL,
            password_hash text NOT NULL,
            failed_sign_ins integer NOT NULL DEFAULT 0,
            locked_until timestamptz,
            disabled boolean NOT NULL DEFAULT false,
            last_seen_at timestamptz,
            created_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE UNIQUE INDEX staff_accounts_by_email ON staff_accounts (lower(email));
        CREATE TABLE audit_log (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at timestamptz NOT NULL,
            staff_id text NOT NULL,
            action text NOT NULL,
            target text
        );
        CREATE INDEX audit_log_by_time ON audit_log (at);
        """,
    ]);

    public async Task<bool> AddAsync(StaffAccount account, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("""
            INSERT INTO staff_accounts (id, email, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT DO NOTHING
            """, cancellationToken, account.Id, account.Email, account.DisplayName, account.Role, account.PasswordHash) == 1;

    public async Task<StaffAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        (await QueryAccountsAsync("WHERE lower(email) = lower($1)", cancellationToken, email)).FirstOrDefault();

    public async Task<StaffAccount?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAccountsAsync("WHERE id = $1", cancellationToken, id)).FirstOrDefault();

    public async Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken) =>
        await QueryAccountsAsync("ORDER BY display_name", cancellationToken);

    public Task RecordFailedSignInAsync(string id, int maxFailures, DateTimeOffset lockUntil, CancellationToken cancellationToken) =>
        database.ExecuteAsync("""
            UPDATE staff_accounts SET
                locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN $3 ELSE locked_until END,
                failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= $2 THEN 0 ELSE failed_sign_ins + 1 END
            WHERE id = $1
            """, cancellationToken, id, maxFailures, lockUntil);

    public Task RecordSignInAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE staff_accounts SET failed_sign_ins = 0, locked_until = NULL, last_seen_at = $2 WHERE id = $1", cancellationToken, id, at);

    public Task SetPasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE staff_accounts SET password_hash = $2 WHERE id = $1", cancellationToken, id, passwordHash);

    public Task SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE staff_accounts SET disabled = $2 WHERE id = $1", cancellationToken, id, disabled);

    public Task TouchAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE staff_accounts SET last_seen_at = $2 WHERE id = $1", cancellationToken, id, at);

    public async Task<bool> AnyPresentSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        (await database.QueryAsync("SELECT EXISTS (SELECT 1 FROM staff_accounts WHERE NOT disabled AND last_seen_at >= $1)",
            r => r.GetBoolean(0), cancellationToken, since))[0];

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        database.ExecuteAsync("INSERT INTO audit_log (at, staff_id, action, target) VALUES ($1, $2, $3, $4)",
            cancellationToken, entry.At, entry.StaffId, entry.Action, entry.Target);

    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(int max, CancellationToken cancellationToken) =>
        await database.QueryAsync("SELECT at, staff_id, action, target FROM audit_log ORDER BY at DESC, id DESC LIMIT $1",
            r => StaffRows.Audit(r, PostgresDatabase.Timestamptz), cancellationToken, max);

    private Task<List<StaffAccount>> QueryAccountsAsync(string condition, CancellationToken cancellationToken, params object?[] parameters) =>
        database.QueryAsync($"SELECT {StaffRows.Columns} FROM staff_accounts {condition}", r => StaffRows.Account(r, PostgresDatabase.Timestamptz), cancellationToken, parameters);
}
