using System.Security.Claims;
using System.Threading.RateLimiting;
using AssistantBot.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AssistantBot.Staff;

public static class StaffServiceCollectionExtensions
{
    public const string CookieName = "AssistantBot.Staff";

    /// <summary>Where the console and its sign-in live: the only requests that carry, and read, the staff cookie.</summary>
    public const string BasePath = "/staff";
    public const string StaffPolicy = "Staff";
    public const string AdminPolicy = "Admin";
    public const string SignInRateLimit = "StaffSignIn";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>The staff console: accounts, cookie sign-in with idle expiry, roles, anti-forgery, rate-limited sign-in.</summary>
    public static IServiceCollection AddStaffConsole(this IServiceCollection services)
    {
        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StaffAccounts>();
        services.TryAddSingleton<IStaffEvents, InProcessStaffEvents>(); // the storage may relay them between instances

        // Keys for the cookie, anti-forgery tokens and the hand-off's encrypted fields live in the data directory
        // (in the shared database on PostgreSQL, see PostgresKeyRepository).
        services.AddDataProtection().SetApplicationName("AssistantBot");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, DataDirectoryKeys>();

        // No scheme authenticates by default: the console's routes read the cookie through their policies (and sign-out
        // itself), so a visitor's or a channel's request, which never carries it, does not pay for looking. ASP.NET Core
        // would otherwise make the only registered scheme the default; its switch for that is process-wide, and this
        // process is the assistant.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddAuthentication(o =>
            {
                o.DefaultSignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultSignOutScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultForbidScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<StaffOptions>>((cookie, staff) =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.Path = BasePath;
                cookie.ExpireTimeSpan = staff.Value.IdleTimeout; // sliding: idle this long and you are signed out
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/staff/signin";
                cookie.AccessDeniedPath = "/staff/signin";
                cookie.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
                cookie.Events.OnValidatePrincipal = RejectDisabledAccounts;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser().RequireRole(StaffRoles.Advocate, StaffRoles.Admin))
            .AddPolicy(AdminPolicy, p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser().RequireRole(StaffRoles.Admin));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "AssistantBot.Staff.Antiforgery";
            o.Cookie.Path = BasePath;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRateLimiter(limiter => limiter.AddPolicy(SignInRateLimit, http =>
        {
            var perMinute = http.RequestServices.GetRequiredService<IOptions<StaffOptions>>().Value.SignInsPerMinutePerClient;
            return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        }));
        return services;
    }

    /// <summary>Console pages redirect to the sign-in page; the console's API answers with a status instead.</summary>
    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/staff/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>An account disabled (or deleted) since sign-in loses its session at the next request.</summary>
    private static async Task RejectDisabledAccounts(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var store = context.HttpContext.RequestServices.GetRequiredService<IStaffStore>();
        var account = id is null ? null : await store.FindAsync(id, context.HttpContext.RequestAborted);
        if (account is null || account.Disabled)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
        else
        {
            context.HttpContext.Items[typeof(StaffAccount)] = account;
        }
    }

    private sealed class DataDirectoryKeys(DataPaths paths) : IConfigureOptions<KeyManagementOptions>
    {
        public void Configure(KeyManagementOptions options) =>
            options.XmlRepository = new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(paths.EnsureCreated(), "keys")), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
    }
}
