using System.Data.Common;
using AssistantBot.Staff;

namespace AssistantBot.Storage.Rows;

/// <summary>How staff accounts and audit entries read back, for both backends (see <see cref="HandoffRows"/>).</summary>
public static class StaffRows
{
    public const string Columns = "id, email, display_name, role, password_hash, failed_sign_ins, locked_until, disabled, last_seen_at";

    public static StaffAccount Account(DbDataReader row, StoredTime time) => new()
    {
        Id = row.GetString(0),
        Email = row.GetString(1),
        DisplayName = row.GetString(2),
        Role = row.GetString(3),
        PasswordHash = row.GetString(4),
        FailedSignIns = row.GetInt32(5),
        LockedUntil = time(row, 6),
        Disabled = row.GetBoolean(7),
        LastSeenAt = time(row, 8),
    };

    /// <summary>Columns: at, staff_id, action, target.</summary>
    public static AuditEntry Audit(DbDataReader row, StoredTime time) => new(time(row, 0)!.Value, row.GetString(1), row.GetString(2), StoredText.OrNull(row, 3));
}
