using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AssistantBot.Staff;

public enum SignInResult
{
    Succeeded,
    WrongCredentials,
    LockedOut,
}

/// <summary>
/// Staff accounts: created from the command line, passwords hashed with ASP.NET Core Identity's PasswordHasher,
/// locked for a while after repeated wrong passwords.
/// </summary>
public sealed class StaffAccounts(IStaffStore store, IOptions<StaffOptions> options, TimeProvider clock)
{
    private static readonly PasswordHasher<StaffAccount> Hasher = new();

    // Verified when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword(null!, "not a real password");

    public async Task<(bool Added, string? Problem)> AddAsync(string email, string displayName, string role, string password, CancellationToken cancellationToken)
    {
        if (!IsEmail(email))
        {
            return (false, "That is not an e-mail address.");
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 100)
        {
            return (false, "A display name of 1 to 100 characters is required.");
        }

        if (!StaffRoles.IsValid(role))
        {
            return (false, $"Role must be '{StaffRoles.Advocate}' or '{StaffRoles.Admin}'.");
        }

        if (password.Length < options.Value.MinimumPasswordLength)
        {
            return (false, $"The password must have at least {options.Value.MinimumPasswordLength} characters.");
        }

        var account = new StaffAccount
        {
            Id = Guid.NewGuid().ToString("N"),
            Email = email.Trim(),
            DisplayName = displayName.Trim(),
            Role = role,
            PasswordHash = string.Empty,
        };
        account = account with { PasswordHash = Hasher.HashPassword(account, password) };
        return await store.AddAsync(account, cancellationToken) ? (true, null) : (false, "An account with that e-mail already exists.");
    }

    public async Task<(SignInResult Result, StaffAccount? Account)> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var account = IsEmail(email) ? await store.FindByEmailAsync(email.Trim(), cancellationToken) : null;
        if (account is null || account.Disabled)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash, password);
            return (SignInResult.WrongCredentials, null);
        }

        var now = clock.GetUtcNow();
        if (account.LockedUntil > now)
        {
            return (SignInResult.LockedOut, null);
        }

        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            await store.RecordFailedSignInAsync(account.Id, settings.MaxFailedSignIns, now + settings.LockoutDuration, cancellationToken);
            return (SignInResult.WrongCredentials, null);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await store.SetPasswordHashAsync(account.Id, Hasher.HashPassword(account, password), cancellationToken);
        }

        await store.RecordSignInAsync(account.Id, now, cancellationToken);
        return (SignInResult.Succeeded, account);
    }

    private static bool IsEmail(string value) =>
        value.Length is > 3 and <= 254 && MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim();
}
