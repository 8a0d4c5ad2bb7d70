using System.Net;
using System.Net.Http.Json;
using AssistantBot.Handoff;
using AssistantBot.Staff;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantBot.Tests.Handoff;

public sealed class ConsoleSecurityTests : IClassFixture<AssistantFactory>
{
    private readonly AssistantFactory _factory;

    public ConsoleSecurityTests(AssistantFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/staff/api/me")]
    [InlineData("/staff/api/requests")]
    [InlineData("/staff/api/requests/anything")]
    [InlineData("/staff/api/admin/audit")]
    public async Task The_api_without_a_session_is_401(string path)
    {
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Changes_without_a_session_are_401_not_400()
    {
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.PostAsync("/staff/api/requests/x/claim", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_console_page_without_a_session_redirects_to_sign_in()
    {
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/staff/signin", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Signing_out_with_the_consoles_form_ends_the_session()
    {
        var session = await AdvocateAsync();

        var response = await session.Client.PostAsync("/staff/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = session.Token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/signin", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Client.GetAsync("/staff/api/me")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_without_the_anti_forgery_token_keeps_the_session()
    {
        var session = await AdvocateAsync();

        var response = await session.Client.PostAsync("/staff/signout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/staff/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_change_without_the_anti_forgery_token_is_400_and_changes_nothing()
    {
        var session = await AdvocateAsync();
        var request = await NewRequestAsync();

        var response = await session.PostAsync($"/staff/api/requests/{request.Id}/claim", withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HandoffStatus.New, (await Store.FindAsync(request.Id, default))!.Status);
    }

    [Fact]
    public async Task An_advocate_is_forbidden_admin_actions()
    {
        var session = await AdvocateAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await session.Client.GetAsync("/staff/api/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.PostAsync("/staff/api/admin/staff",
            new { email = "new@example.org", displayName = "New", role = "admin", password = StaffSession.Password })).StatusCode);
    }

    [Fact]
    public async Task An_admin_can_read_the_audit_log_which_records_views_and_changes_but_no_contents()
    {
        var admin = await SessionAsync(StaffRoles.Admin);
        var request = await NewRequestAsync();

        await admin.Client.GetAsync($"/staff/api/requests/{request.Id}");
        await admin.PostAsync($"/staff/api/requests/{request.Id}/claim");
        await admin.PostAsync($"/staff/api/requests/{request.Id}/notes", new { text = "called, left a voicemail" });
        var audit = await admin.GetAsync<List<AuditView>>("/staff/api/admin/audit");

        var actions = audit.Where(a => a.Target == request.Id).Select(a => a.Action).ToList();
        Assert.Contains("request.view", actions);
        Assert.Contains("request.claim", actions);
        Assert.Contains("request.note", actions);
        Assert.DoesNotContain(audit, a => (a.Target ?? string.Empty).Contains("voicemail") || a.Action.Contains("voicemail"));
    }

    [Fact]
    public async Task Guessing_a_request_id_finds_nothing()
    {
        var session = await AdvocateAsync();

        var response = await session.Client.GetAsync("/staff/api/requests/" + ReferenceNumbers.NewId());
        var claim = await session.PostAsync("/staff/api/requests/" + ReferenceNumbers.NewId() + "/claim");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, claim.StatusCode);
    }

    [Fact]
    public async Task Html_and_script_from_visitors_come_back_as_data_never_as_markup()
    {
        var session = await AdvocateAsync();
        var request = await NewRequestAsync(name: "<script>alert('x')</script>", topic: "<img src=x onerror=alert(1)>");

        var response = await session.Client.GetAsync($"/staff/api/requests/{request.Id}");
        var view = await response.Content.ReadFromJsonAsync<RequestView>();

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<script>alert('x')</script>", view!.Contact.Name);
        Assert.Equal("<img src=x onerror=alert(1)>", view.Contact.Topic);
        var script = await _factory.CreateClient().GetStringAsync("/staff-console/console.js");
        Assert.DoesNotContain("innerHTML", script);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        var email = await StaffSession.CreateAccountAsync(_factory, $"lock-{Guid.NewGuid():N}@example.org", "Lock Test", StaffRoles.Advocate);
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await StaffSession.SubmitSignInAsync(client, email, "wrong password " + i)).StatusCode);
        }

        var withRightPassword = await StaffSession.SubmitSignInAsync(client, email, StaffSession.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, withRightPassword.StatusCode);
        Assert.Contains("locked", await withRightPassword.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_in_without_the_form_token_is_refused()
    {
        var email = await StaffSession.CreateAccountAsync(_factory, $"csrf-{Guid.NewGuid():N}@example.org", "Csrf Test", StaffRoles.Advocate);
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.PostAsync("/staff/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["password"] = StaffSession.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_loses_its_session()
    {
        var admin = await SessionAsync(StaffRoles.Admin);
        var email = await StaffSession.CreateAccountAsync(_factory, $"gone-{Guid.NewGuid():N}@example.org", "Gone Soon", StaffRoles.Advocate);
        var advocate = await StaffSession.SignInAsync(_factory, email);
        var id = (await advocate.GetAsync<MeView>("/staff/api/me")).Id;

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/staff/api/admin/staff/{id}/disable")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await advocate.Client.GetAsync("/staff/api/requests")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_per_client()
    {
        using var factory = new AssistantFactory().WithSettings(("Staff:SignInsPerMinutePerClient", "3"));
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await StaffSession.SubmitSignInAsync(client, "nobody@example.org", "whatever password")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    private IHandoffStore Store => _factory.Services.GetRequiredService<IHandoffStore>();

    private Task<StaffSession> AdvocateAsync() => SessionAsync(StaffRoles.Advocate);

    private async Task<StaffSession> SessionAsync(string role)
    {
        var email = await StaffSession.CreateAccountAsync(_factory, $"{role}-{Guid.NewGuid():N}@example.org", "Dana Smith", role);
        return await StaffSession.SignInAsync(_factory, email);
    }

    private async Task<HandoffRequest> NewRequestAsync(string name = "Pat Doe", string? topic = null)
    {
        var protector = _factory.Services.GetRequiredService<HandoffProtector>();
        return await Store.CreateAsync(new HandoffRequest
        {
            Id = ReferenceNumbers.NewId(),
            Reference = ReferenceNumbers.NewReference(),
            IntakeId = ReferenceNumbers.NewId(),
            ChannelId = "test",
            ConversationId = "conv-" + Guid.NewGuid(),
            Status = HandoffStatus.New,
            CreatedAt = DateTimeOffset.UtcNow,
            DueBy = DateTimeOffset.UtcNow.AddDays(1),
            ProtectedContact = protector.Protect(new HandoffContact(name, "5551234567", null, "Morning", topic)),
        }, default);
    }
}
