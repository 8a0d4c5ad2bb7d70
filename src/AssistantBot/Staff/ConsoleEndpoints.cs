using System.Security.Claims;
using AssistantBot.Handoff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AssistantBot.Staff;

/// <summary>
/// The staff console: the page at <c>/staff</c> and its API under <c>/staff/api</c>. Every route needs a signed-in staff
/// member (401 without a session), every change needs the anti-forgery header (400 without), admin routes need the
/// admin role (403). Opening a request and every change are written to the audit log.
/// </summary>
public static class ConsoleEndpoints
{
    private const int MaxTextLength = 4000;

    public static IEndpointRouteBuilder MapStaffConsole(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/staff", (IWebHostEnvironment environment) =>
                Results.File(Path.Combine(environment.WebRootPath, "staff-console", "console.html"), "text/html; charset=utf-8"))
            .RequireAuthorization(StaffServiceCollectionExtensions.StaffPolicy);

        var api = endpoints.MapGroup("/staff/api")
            .RequireAuthorization(StaffServiceCollectionExtensions.StaffPolicy)
            .AddEndpointFilter(RequireAntiforgeryOnChanges)
            .DisableAntiforgery(); // validated by the filter above, for JSON bodies too

        api.MapGet("/me", Me);
        api.MapGet("/requests", Queue);
        api.MapGet("/requests/{id}", OpenRequest);
        api.MapPost("/requests/{id}/claim", Claim);
        api.MapPost("/requests/{id}/notes", AddNote);
        api.MapPost("/requests/{id}/resolve", Resolve);
        api.MapPost("/requests/{id}/live/accept", (string id, HttpContext http, HandoffCoordinator c) => Live(http, id, "accept", (m, ct) => c.AcceptLiveAsync(id, m, ct)));
        api.MapPost("/requests/{id}/live/end", (string id, HttpContext http, HandoffCoordinator c) => Live(http, id, "end", (m, ct) => c.EndLiveAsync(id, m, ct)));
        api.MapPost("/requests/{id}/live/messages", SendLive);
        api.MapGet("/events", ConsoleEvents.StreamAsync);

        var admin = api.MapGroup("/admin").RequireAuthorization(StaffServiceCollectionExtensions.AdminPolicy);
        admin.MapGet("/audit", Audit);
        admin.MapGet("/staff", ListStaff);
        admin.MapPost("/staff", AddStaff);
        admin.MapPost("/staff/{id}/disable", (string id, HttpContext http, IStaffStore store, IAuditLog audit, TimeProvider clock) => SetDisabled(id, true, http, store, audit, clock));
        admin.MapPost("/staff/{id}/enable", (string id, HttpContext http, IStaffStore store, IAuditLog audit, TimeProvider clock) => SetDisabled(id, false, http, store, audit, clock));
        return endpoints;
    }

    private static async ValueTask<object?> RequireAntiforgeryOnChanges(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) &&
            !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "Missing or invalid anti-forgery token. Reload the console.");
        }

        return await next(context);
    }

    private static async Task<Ok<MeView>> Me(HttpContext http, IAntiforgery antiforgery, IStaffStore store)
    {
        var me = await CurrentAsync(http, store);
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new MeView(me.Id, me.DisplayName, me.Role, tokens.RequestToken!));
    }

    private static async Task<Ok<QueueView>> Queue(string? status, HttpContext http, IHandoffStore requests, IStaffStore store, TimeProvider clock)
    {
        var statuses = (status ?? "New,Claimed").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => Enum.TryParse<HandoffStatus>(s, ignoreCase: true, out var parsed) ? parsed : (HandoffStatus?)null)
            .OfType<HandoffStatus>().Distinct().ToList();
        var list = await requests.ListAsync(statuses.Count == 0 ? [HandoffStatus.New, HandoffStatus.Claimed] : statuses, 200, http.RequestAborted);
        var names = await StaffNamesAsync(store, http.RequestAborted);
        return TypedResults.Ok(new QueueView(clock.GetUtcNow(), [.. list.Select(r => Item(r, names))]));
    }

    private static async Task<Results<Ok<RequestView>, NotFound>> OpenRequest(string id, HttpContext http, IHandoffStore requests,
        IStaffStore store, HandoffProtector protector, IAuditLog audit, TimeProvider clock)
    {
        var request = await requests.FindAsync(id, http.RequestAborted);
        if (request is null)
        {
            return TypedResults.NotFound();
        }

        var me = await CurrentAsync(http, store);
        await audit.RecordAsync(new AuditEntry(clock.GetUtcNow(), me.Id, "request.view", id), http.RequestAborted);
        var names = await StaffNamesAsync(store, http.RequestAborted);
        var contact = protector.Unprotect<HandoffContact>(request.ProtectedContact);
        var transcript = request.ProtectedTranscript is null
            ? null
            : protector.Unprotect<List<TranscriptLine>>(request.ProtectedTranscript).Select(l => new LineView(l.At, l.From, l.Text)).ToList();
        var notes = (await requests.NotesAsync(id, http.RequestAborted))
            .Select(n => new LineView(n.At, names.GetValueOrDefault(n.StaffId, "staff"), protector.UnprotectText(n.ProtectedText))).ToList();
        var messages = (await requests.MessagesAsync(id, 0, http.RequestAborted))
            .Select(m => new MessageView(m.Sequence, m.At, m.Sender.ToString(), m.StaffId is null ? null : names.GetValueOrDefault(m.StaffId), protector.UnprotectText(m.ProtectedText)))
            .ToList();
        return TypedResults.Ok(new RequestView(Item(request, names),
            new ContactView(contact.Name, contact.Phone, contact.Email, contact.BestTime, contact.Topic),
            request.TranscriptConsent, transcript, notes, messages, request.HubStatus,
            request.LiveState == LiveChatState.Connected && request.LiveStaffId == me.Id));
    }

    private static async Task<Results<NoContent, NotFound, Conflict<string>>> Claim(string id, HttpContext http, IHandoffStore requests, IStaffStore store, HandoffCoordinator coordinator)
    {
        if (await requests.FindAsync(id, http.RequestAborted) is null)
        {
            return TypedResults.NotFound();
        }

        return await coordinator.ClaimAsync(id, await CurrentAsync(http, store), http.RequestAborted)
            ? TypedResults.NoContent()
            : TypedResults.Conflict("Someone else has claimed this request, or it is resolved.");
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> AddNote(string id, TextInput input, HttpContext http,
        IHandoffStore requests, IStaffStore store, HandoffCoordinator coordinator)
    {
        if (await requests.FindAsync(id, http.RequestAborted) is null)
        {
            return TypedResults.NotFound();
        }

        if (ValidText(input) is { } problem)
        {
            return problem;
        }

        await coordinator.AddNoteAsync(id, await CurrentAsync(http, store), input.Text!.Trim(), http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound, Conflict<string>>> Resolve(string id, HttpContext http, IStaffStore store, HandoffCoordinator coordinator) =>
        await coordinator.ResolveAsync(id, await CurrentAsync(http, store), http.RequestAborted) switch
        {
            LiveOutcome.NotFound => TypedResults.NotFound(),
            LiveOutcome.Conflict => TypedResults.Conflict("This request is already resolved."),
            _ => TypedResults.NoContent(),
        };

    private static async Task<Results<NoContent, NotFound, Conflict<string>, ValidationProblem>> SendLive(string id, TextInput input, HttpContext http,
        IStaffStore store, HandoffCoordinator coordinator)
    {
        if (ValidText(input) is { } problem)
        {
            return problem;
        }

        return await coordinator.SendLiveAsync(id, await CurrentAsync(http, store), input.Text!.Trim(), http.RequestAborted) switch
        {
            LiveOutcome.NotFound => TypedResults.NotFound(),
            LiveOutcome.Conflict => TypedResults.Conflict("You are not connected with this visitor."),
            LiveOutcome.Unreachable => TypedResults.Conflict("The visitor's chat could not be reached; the message is kept with the request."),
            _ => TypedResults.NoContent(),
        };
    }

    private static async Task<Results<NoContent, NotFound, Conflict<string>>> Live(HttpContext http, string id, string action, Func<StaffAccount, CancellationToken, Task<LiveOutcome>> run)
    {
        var me = await CurrentAsync(http, http.RequestServices.GetRequiredService<IStaffStore>());
        return await run(me, http.RequestAborted) switch
        {
            LiveOutcome.NotFound => TypedResults.NotFound(),
            LiveOutcome.Conflict => TypedResults.Conflict(action == "accept"
                ? "The visitor is no longer waiting for a live chat, or someone else accepted."
                : "There is no live chat to end."),
            LiveOutcome.Unreachable => TypedResults.Conflict("The visitor's chat could not be reached."),
            _ => TypedResults.NoContent(),
        };
    }

    private static async Task<Ok<List<AuditView>>> Audit(HttpContext http, IAuditLog audit, IStaffStore store)
    {
        var names = await StaffNamesAsync(store, http.RequestAborted);
        var entries = await audit.RecentAsync(500, http.RequestAborted);
        return TypedResults.Ok(entries.Select(e => new AuditView(e.At, names.GetValueOrDefault(e.StaffId, e.StaffId), e.Action, e.Target)).ToList());
    }

    private static async Task<Ok<List<StaffView>>> ListStaff(HttpContext http, IStaffStore store) =>
        TypedResults.Ok((await store.ListAsync(http.RequestAborted))
            .Select(s => new StaffView(s.Id, s.Email, s.DisplayName, s.Role, s.Disabled, s.LastSeenAt)).ToList());

    private static async Task<Results<NoContent, ValidationProblem>> AddStaff(NewStaffInput input, HttpContext http, StaffAccounts accounts,
        IStaffStore store, IAuditLog audit, TimeProvider clock)
    {
        var (added, problem) = await accounts.AddAsync(input.Email ?? string.Empty, input.DisplayName ?? string.Empty,
            input.Role ?? StaffRoles.Advocate, input.Password ?? string.Empty, http.RequestAborted);
        if (!added)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["account"] = [problem!] });
        }

        var me = await CurrentAsync(http, store);
        await audit.RecordAsync(new AuditEntry(clock.GetUtcNow(), me.Id, "staff.add", null), http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound>> SetDisabled(string id, bool disabled, HttpContext http, IStaffStore store, IAuditLog audit, TimeProvider clock)
    {
        if (await store.FindAsync(id, http.RequestAborted) is null)
        {
            return TypedResults.NotFound();
        }

        await store.SetDisabledAsync(id, disabled, http.RequestAborted);
        var me = await CurrentAsync(http, store);
        await audit.RecordAsync(new AuditEntry(clock.GetUtcNow(), me.Id, disabled ? "staff.disable" : "staff.enable", id), http.RequestAborted);
        return TypedResults.NoContent();
    }

    internal static async Task<StaffAccount> CurrentAsync(HttpContext http, IStaffStore store)
    {
        if (http.Items[typeof(StaffAccount)] is StaffAccount cached)
        {
            return cached;
        }

        var id = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No staff member signed in.");
        return await store.FindAsync(id, http.RequestAborted) ?? throw new InvalidOperationException("The signed-in staff member no longer exists.");
    }

    private static ValidationProblem? ValidText(TextInput? input) =>
        string.IsNullOrWhiteSpace(input?.Text) || input.Text.Length > MaxTextLength
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [$"Write 1 to {MaxTextLength} characters."] })
            : null;

    private static async Task<Dictionary<string, string>> StaffNamesAsync(IStaffStore store, CancellationToken cancellationToken) =>
        (await store.ListAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.DisplayName);

    private static QueueItem Item(HandoffRequest r, Dictionary<string, string> names) =>
        new(r.Id, r.Reference, r.Status.ToString(), r.CreatedAt, r.DueBy, r.ClaimedBy is null ? null : names.GetValueOrDefault(r.ClaimedBy, "staff"),
            r.LiveState.ToString(), r.ChannelId);
}
