namespace AssistantBot.Staff;

public interface IStaffStore
{
    /// <summary>Adds the account; false when the e-mail is taken.</summary>
    Task<bool> AddAsync(StaffAccount account, CancellationToken cancellationToken);

    Task<StaffAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<StaffAccount?> FindAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Counts a failed sign-in and locks the account once <paramref name="maxFailures"/> is reached.</summary>
    Task RecordFailedSignInAsync(string id, int maxFailures, DateTimeOffset lockUntil, CancellationToken cancellationToken);

    Task RecordSignInAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    Task SetPasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken);

    Task SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken);

    /// <summary>Marks the staff member present (their console is open).</summary>
    Task TouchAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Whether any enabled staff member's console was seen since <paramref name="since"/>.</summary>
    Task<bool> AnyPresentSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

public interface IAuditLog
{
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> RecentAsync(int max, CancellationToken cancellationToken);
}
