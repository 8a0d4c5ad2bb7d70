using AssistantBot.Staff;
using AssistantBot.Storage.Postgres;
using AssistantBot.Storage.Sqlite;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Storage;

/// <summary>What every <see cref="IStaffStore"/> and <see cref="IAuditLog"/> must do; each backend runs the same suite.</summary>
public abstract class StaffStoreContractTests
{
    private static readonly DateTimeOffset Start = new(2025, 7, 8, 9, 10, 11, 456, TimeSpan.Zero);

    protected abstract IStaffStore Store { get; }

    protected abstract IAuditLog Audit { get; }

    [Fact]
    public async Task An_account_is_found_by_id_and_by_email_in_any_case()
    {
        var account = NewAccount("Dana Smith");
        Assert.True(await Store.AddAsync(account, default));

        var byId = (await Store.FindAsync(account.Id, default))!;
        var byEmail = (await Store.FindByEmailAsync(account.Email.ToUpperInvariant(), default))!;

        Assert.Equal(account.Id, byEmail.Id);
        Assert.Equal(account.Email, byId.Email);
        Assert.Equal("Dana Smith", byId.DisplayName);
        Assert.Equal(StaffRoles.Advocate, byId.Role);
        Assert.Equal("hash", byId.PasswordHash);
        Assert.Equal(0, byId.FailedSignIns);
        Assert.False(byId.Disabled);
        Assert.Null(byId.LockedUntil);
        Assert.Null(byId.LastSeenAt);
        Assert.Null(await Store.FindAsync("nobody", default));
        Assert.Null(await Store.FindByEmailAsync("nobody@example.org", default));
    }

    [Fact]
    public async Task An_email_is_taken_whatever_its_case_and_an_id_only_once()
    {
        var account = NewAccount("First");
        await Store.AddAsync(account, default);

        Assert.False(await Store.AddAsync(NewAccount("Second") with { Email = account.Email.ToUpperInvariant() }, default));
        Assert.False(await Store.AddAsync(NewAccount("Third") with { Id = account.Id }, default));
        Assert.Equal("First", (await Store.FindAsync(account.Id, default))!.DisplayName);
    }

    [Fact]
    public async Task Accounts_are_listed_by_display_name()
    {
        var prefix = Guid.NewGuid().ToString("N");
        foreach (var name in new[] { "Charlie", "Alice", "Bob" })
        {
            await Store.AddAsync(NewAccount(prefix + name), default);
        }

        var mine = (await Store.ListAsync(default)).Select(a => a.DisplayName).Where(n => n.StartsWith(prefix, StringComparison.Ordinal));

        Assert.Equal(["Alice", "Bob", "Charlie"], mine.Select(n => n[prefix.Length..]));
    }

    [Fact]
    public async Task Failed_sign_ins_lock_the_account_at_the_limit_and_start_counting_again()
    {
        var account = NewAccount("Locked");
        await Store.AddAsync(account, default);

        await Store.RecordFailedSignInAsync(account.Id, 3, Start.AddMinutes(15), default);
        await Store.RecordFailedSignInAsync(account.Id, 3, Start.AddMinutes(15), default);
        var before = (await Store.FindAsync(account.Id, default))!;
        await Store.RecordFailedSignInAsync(account.Id, 3, Start.AddMinutes(15), default);
        var after = (await Store.FindAsync(account.Id, default))!;

        Assert.Equal(2, before.FailedSignIns);
        Assert.Null(before.LockedUntil);
        Assert.Equal(0, after.FailedSignIns);
        Assert.Equal(Start.AddMinutes(15), after.LockedUntil);
    }

    [Fact]
    public async Task A_sign_in_clears_failures_and_the_lock_and_marks_the_account_seen()
    {
        var account = NewAccount("Back");
        await Store.AddAsync(account, default);
        await Store.RecordFailedSignInAsync(account.Id, 1, Start.AddMinutes(15), default);
        await Store.RecordFailedSignInAsync(account.Id, 5, Start.AddMinutes(15), default);

        await Store.RecordSignInAsync(account.Id, Start.AddMinutes(20), default);

        var found = (await Store.FindAsync(account.Id, default))!;
        Assert.Equal(0, found.FailedSignIns);
        Assert.Null(found.LockedUntil);
        Assert.Equal(Start.AddMinutes(20), found.LastSeenAt);
    }

    [Fact]
    public async Task The_password_hash_and_the_disabled_flag_change()
    {
        var account = NewAccount("Changing");
        await Store.AddAsync(account, default);

        await Store.SetPasswordHashAsync(account.Id, "new hash", default);
        await Store.SetDisabledAsync(account.Id, true, default);
        var disabled = (await Store.FindAsync(account.Id, default))!;
        await Store.SetDisabledAsync(account.Id, false, default);

        Assert.Equal("new hash", disabled.PasswordHash);
        Assert.True(disabled.Disabled);
        Assert.False((await Store.FindAsync(account.Id, default))!.Disabled);
    }

    [Fact]
    public async Task Presence_counts_enabled_accounts_seen_since_the_given_time()
    {
        var since = Start.AddYears(30);
        var account = NewAccount("Present");
        await Store.AddAsync(account, default);
        Assert.False(await Store.AnyPresentSinceAsync(since, default));

        await Store.TouchAsync(account.Id, since, default);
        Assert.True(await Store.AnyPresentSinceAsync(since, default));
        Assert.False(await Store.AnyPresentSinceAsync(since.AddMilliseconds(1), default));

        await Store.SetDisabledAsync(account.Id, true, default);
        Assert.False(await Store.AnyPresentSinceAsync(since, default));
    }

    [Fact]
    public async Task The_audit_log_returns_the_most_recent_entries_first()
    {
        var at = Start.AddYears(40);
        await Audit.RecordAsync(new AuditEntry(at, "staff-1", "request.view", "r1"), default);
        await Audit.RecordAsync(new AuditEntry(at, "staff-2", "request.claim", "r1"), default);
        await Audit.RecordAsync(new AuditEntry(at.AddSeconds(1), "staff-1", "signin", null), default);

        var recent = await Audit.RecentAsync(2, default);

        Assert.Equal(2, recent.Count);
        Assert.Equal(new AuditEntry(at.AddSeconds(1), "staff-1", "signin", null), recent[0]);
        Assert.Equal(new AuditEntry(at, "staff-2", "request.claim", "r1"), recent[1]);
    }

    private static StaffAccount NewAccount(string name) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Email = $"{Guid.NewGuid():N}@Example.org",
        DisplayName = name,
        Role = StaffRoles.Advocate,
        PasswordHash = "hash",
    };
}

public sealed class SqliteStaffStoreContractTests : StaffStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _sqlite = new();
    private readonly SqliteStaffStore _store;

    public SqliteStaffStoreContractTests() => _store = new SqliteStaffStore(_sqlite.Database);

    protected override IStaffStore Store => _store;

    protected override IAuditLog Audit => _store;

    public void Dispose() => _sqlite.Dispose();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresStaffStoreContractTests(PostgresServer server) : StaffStoreContractTests
{
    private readonly PostgresStaffStore _store = new(server.Database(nameof(PostgresStaffStoreContractTests)));

    protected override IStaffStore Store => _store;

    protected override IAuditLog Audit => _store;
}
