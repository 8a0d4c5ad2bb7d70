using System.ComponentModel.DataAnnotations;

namespace AssistantBot.Staff;

public sealed class StaffOptions
{
    public const string SectionName = "Staff";

    /// <summary>A console left alone this long signs out.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong passwords in a row before an account is locked.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts one client address may make per minute.</summary>
    [Range(1, 1000)]
    public int SignInsPerMinutePerClient { get; set; } = 10;

    [Range(8, 128)]
    public int MinimumPasswordLength { get; set; } = 12;
}

public static class StaffRoles
{
    public const string Advocate = "advocate";
    public const string Admin = "admin";

    public static bool IsValid(string role) => role is Advocate or Admin;
}

public sealed record StaffAccount
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    public required string Role { get; init; }
    public required string PasswordHash { get; init; }
    public int FailedSignIns { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public bool Disabled { get; init; }
    public DateTimeOffset? LastSeenAt { get; init; }

    public string FirstName => DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? DisplayName;
}

/// <summary>One line of the audit log: who did what to which request, never the contents.</summary>
public sealed record AuditEntry(DateTimeOffset At, string StaffId, string Action, string? Target);
