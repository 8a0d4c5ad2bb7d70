using System.Collections.Concurrent;
using System.Security.Claims;
using AssistantBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantBot.Tests.Handoff;

/// <summary>The staff sign-in cookie is read for the console's requests only, not on a visitor's or a channel's turn.</summary>
public sealed class StaffCookieScopeTests : IDisposable
{
    private readonly ConcurrentQueue<string> _authenticated = new();
    private readonly AssistantFactory _factory;

    public StaffCookieScopeTests() =>
        _factory = new AssistantFactory().WithServices(services =>
        {
            services.AddScoped<AuthenticationService>();
            services.AddScoped<IAuthenticationService>(sp => new RecordingAuthentication(sp.GetRequiredService<AuthenticationService>(), _authenticated));
        });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_turn_through_the_bot_endpoint_reads_no_cookie_and_the_console_still_does()
    {
        var flow = new TestFlow(_factory.CreateClient());
        await flow.Send("hello");
        Assert.DoesNotContain(_authenticated, path => path.StartsWith("/api", StringComparison.Ordinal));

        var email = await StaffSession.CreateAccountAsync(_factory, "scope@example.org", "Dana Smith", "advocate");
        var session = await StaffSession.SignInAsync(_factory, email);

        Assert.Contains("/staff/api/me", _authenticated);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await session.Client.GetAsync("/staff/api/me")).StatusCode);
    }

    private sealed class RecordingAuthentication(IAuthenticationService inner, ConcurrentQueue<string> paths) : IAuthenticationService
    {
        public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme)
        {
            paths.Enqueue(context.Request.Path.Value ?? string.Empty);
            return inner.AuthenticateAsync(context, scheme);
        }

        public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => inner.ChallengeAsync(context, scheme, properties);

        public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => inner.ForbidAsync(context, scheme, properties);

        public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties) => inner.SignInAsync(context, scheme, principal, properties);

        public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => inner.SignOutAsync(context, scheme, properties);
    }
}
