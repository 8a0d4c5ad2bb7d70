using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AssistantBot.Staff;

/// <summary>The console's sign-in page (a plain form with an anti-forgery token) and sign-out.</summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapStaffSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/staff/signin", (HttpContext http, IAntiforgery antiforgery) => Page(http, antiforgery, message: null));
        endpoints.MapPost("/staff/signin", SignInAsync).RequireRateLimiting(StaffServiceCollectionExtensions.SignInRateLimit).DisableAntiforgery();
        endpoints.MapPost("/staff/signout", SignOutAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<Results<RedirectHttpResult, ContentHttpResult, ProblemHttpResult>> SignInAsync(
        HttpContext http, IAntiforgery antiforgery, StaffAccounts accounts, IAuditLog audit, TimeProvider clock, IOptions<StaffOptions> options)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The form expired. Reload the page and sign in again.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (result, account) = await accounts.SignInAsync(form["email"].ToString(), form["password"].ToString(), http.RequestAborted);
        if (result != SignInResult.Succeeded)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page(http, antiforgery, result == SignInResult.LockedOut
                ? $"This account is locked after too many attempts. Try again in {options.Value.LockoutDuration.TotalMinutes:0} minutes."
                : "The e-mail address or password is not right.");
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account!.Id),
            new Claim(ClaimTypes.Name, account.DisplayName),
            new Claim(ClaimTypes.Role, account.Role),
        ], CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        await audit.RecordAsync(new AuditEntry(clock.GetUtcNow(), account.Id, "staff.signin", null), http.RequestAborted);
        return TypedResults.Redirect("/staff");
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> SignOutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        // The console's token was issued to the signed-in staff member, and no scheme reads the cookie by default (see
        // StaffServiceCollectionExtensions): read it here, so the token is checked against that identity.
        if (await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme) is { Succeeded: true } session)
        {
            http.User = session.Principal;
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "Missing or invalid anti-forgery token.");
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/staff/signin");
    }

    private static ContentHttpResult Page(HttpContext http, IAntiforgery antiforgery, string? message)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var notice = message is null ? string.Empty : $"<p class=\"error\" role=\"alert\">{html.Encode(message)}</p>";
        return TypedResults.Content($$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Sign in · Patient Advocate console</title>
              <link rel="icon" href="/favicon.svg" type="image/svg+xml">
              <link rel="stylesheet" href="/staff-console/console.css">
            </head>
            <body class="signin">
              <main>
                <h1>Patient Advocate console</h1>
                {{notice}}
                <form method="post" action="/staff/signin">
                  <input type="hidden" name="{{html.Encode(tokens.FormFieldName)}}" value="{{html.Encode(tokens.RequestToken ?? string.Empty)}}">
                  <label>E-mail <input name="email" type="email" autocomplete="username" required></label>
                  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
                  <button type="submit">Sign in</button>
                </form>
              </main>
            </body>
            </html>
            """, "text/html; charset=utf-8");
    }
}
