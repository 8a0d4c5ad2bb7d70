using System.Globalization;
using System.Text.Json;
using AssistantBot.BotFramework.Hosting;
using AssistantBot.BotFramework.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AssistantBot.DirectLine;

/// <summary>The Direct Line 3.0 REST API and WebSocket stream, under <c>/v3/directline</c>.</summary>
public static class DirectLineEndpoints
{
    public static readonly JsonSerializerOptions Json = BotJson.CreateOptions(DirectLineJsonContext.Default);

    public static RouteGroupBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v3/directline").WithTags("Direct Line");
        group.MapPost("/tokens/generate", GenerateToken);
        group.MapPost("/tokens/refresh", RefreshToken);
        group.MapPost("/conversations", StartConversation);
        group.MapGet("/conversations/{conversationId}", Reconnect);
        group.MapGet("/conversations/{conversationId}/activities", GetActivities);
        group.MapPost("/conversations/{conversationId}/activities", PostActivity);
        group.MapPost("/conversations/{conversationId}/upload", Upload);
        group.Map("/conversations/{conversationId}/stream", Stream);
        return group;
    }

    private static async Task<Results<JsonHttpResult<DirectLineConversation>, ProblemHttpResult>> GenerateToken(HttpContext http, DirectLineTokens tokens)
    {
        var (check, caller) = tokens.Check(http.Request.Headers.Authorization);
        if (Deny(check, caller) is { } denied)
        {
            return denied;
        }

        if (!caller!.IsSecret)
        {
            return Problem(StatusCodes.Status403Forbidden, "The Direct Line secret is required to generate a token.");
        }

        var (parameters, unreadable) = await ReadOptionalAsync(http, DirectLineJsonContext.Default.TokenParameters);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var userId = parameters?.User?.Id;
        if (userId is not null && !IsAcceptableUserId(userId))
        {
            return Problem(StatusCodes.Status400BadRequest, "user.id must start with 'dl_' and use letters, digits, '-' and '_' (at most 64 characters).");
        }

        var conversationId = DirectLineIds.NewConversationId();
        var token = tokens.Issue(conversationId, userId, out var expiresIn);
        return Ok(new DirectLineConversation { ConversationId = conversationId, Token = token, ExpiresIn = expiresIn });
    }

    private static Results<JsonHttpResult<DirectLineConversation>, ProblemHttpResult> RefreshToken(HttpContext http, DirectLineTokens tokens)
    {
        var (check, caller) = tokens.Check(http.Request.Headers.Authorization);
        if (Deny(check, caller) is { } denied)
        {
            return denied;
        }

        if (caller!.IsSecret)
        {
            return Problem(StatusCodes.Status400BadRequest, "Only a token can be refreshed.");
        }

        var token = tokens.Issue(caller.ConversationId!, caller.UserId, out var expiresIn);
        return Ok(new DirectLineConversation { ConversationId = caller.ConversationId!, Token = token, ExpiresIn = expiresIn });
    }

    private static async Task<Results<JsonHttpResult<DirectLineConversation>, ProblemHttpResult>> StartConversation(
        HttpContext http, DirectLineTokens tokens, IDirectLineStore store)
    {
        var (check, caller) = tokens.Check(http.Request.Headers.Authorization);
        if (Deny(check, caller) is { } denied)
        {
            return denied;
        }

        var conversationId = caller!.IsSecret ? DirectLineIds.NewConversationId() : caller.ConversationId!;
        var created = await store.CreateConversationAsync(conversationId, caller.UserId, http.RequestAborted);
        var token = tokens.Issue(conversationId, caller.UserId, out var expiresIn);
        var body = new DirectLineConversation
        {
            ConversationId = conversationId,
            Token = token,
            ExpiresIn = expiresIn,
            StreamUrl = StreamUrl(http.Request, conversationId, token),
        };
        return created ? Ok(body, StatusCodes.Status201Created) : Ok(body);
    }

    private static async Task<Results<JsonHttpResult<DirectLineConversation>, ProblemHttpResult>> Reconnect(
        string conversationId, HttpContext http, DirectLineTokens tokens, IDirectLineStore store)
    {
        var (problem, _, caller) = await AuthorizeAsync(http, conversationId, tokens, store);
        if (problem is not null)
        {
            return problem;
        }

        var token = tokens.Issue(conversationId, caller!.UserId, out var expiresIn);
        return Ok(new DirectLineConversation
        {
            ConversationId = conversationId,
            Token = token,
            ExpiresIn = expiresIn,
            StreamUrl = StreamUrl(http.Request, conversationId, token, http.Request.Query["watermark"]),
        });
    }

    private static async Task<Results<JsonHttpResult<ActivitySet>, ProblemHttpResult>> GetActivities(
        string conversationId, string? watermark, HttpContext http, DirectLineTokens tokens, IDirectLineStore store, IOptions<DirectLineOptions> options)
    {
        if (await AuthorizeAsync(http, conversationId, tokens, store) is { Problem: { } problem })
        {
            return problem;
        }

        if (!TryParseWatermark(watermark, out var after))
        {
            return Problem(StatusCodes.Status400BadRequest, "watermark must be a watermark this service returned.");
        }

        var page = await store.GetActivitiesAsync(conversationId, after, options.Value.MaxActivitiesPerPage, http.RequestAborted);
        return Ok(new ActivitySet
        {
            Activities = [.. page.Activities],
            Watermark = Math.Max(page.Watermark, after).ToString(CultureInfo.InvariantCulture),
        });
    }

    private static async Task<Results<JsonHttpResult<ResourceResponse>, ProblemHttpResult>> PostActivity(
        string conversationId, HttpContext http, DirectLineTokens tokens, IDirectLineStore store, DirectLineChannel channel, IOptions<DirectLineOptions> options)
    {
        var (problem, conversation, caller) = await AuthorizeAsync(http, conversationId, tokens, store);
        if (problem is not null)
        {
            return problem;
        }

        var body = await RequestBody.ReadLimitedAsync(http.Request, options.Value.MaxActivityBytes, http.RequestAborted);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The largest accepted activity is {options.Value.MaxActivityBytes} bytes.");
        }

        Activity? activity;
        try
        {
            activity = BotJson.Deserialize<Activity>(body);
        }
        catch (JsonException)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body is not a JSON activity.");
        }

        if (activity is null || string.IsNullOrEmpty(activity.Type))
        {
            return Problem(StatusCodes.Status400BadRequest, "type is required.");
        }

        if (activity.Attachments?.Any(a => a.ContentUrl is not null) == true)
        {
            return Problem(StatusCodes.Status400BadRequest, "This assistant does not accept files. Please describe your question in words.");
        }

        var (outcome, id) = await channel.PostAsync(conversation!, caller!, activity, http.RequestAborted);
        return outcome == PostOutcome.BotFailed
            ? Problem(StatusCodes.Status502BadGateway, "The assistant could not process that message. Please try again.")
            : Ok(new ResourceResponse { Id = id });
    }

    private static async Task<ProblemHttpResult> Upload(string conversationId, HttpContext http, DirectLineTokens tokens, IDirectLineStore store)
    {
        if (await AuthorizeAsync(http, conversationId, tokens, store) is { Problem: { } problem })
        {
            return problem;
        }

        return Problem(StatusCodes.Status415UnsupportedMediaType, "This assistant does not accept file uploads. Please describe your question in words.");
    }

    private static async Task Stream(string conversationId, HttpContext http, DirectLineTokens tokens, IDirectLineStore store,
        IDirectLineNotifier notifier, IOptions<DirectLineOptions> options, IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await Problem(StatusCodes.Status400BadRequest, "The stream is a WebSocket.").ExecuteAsync(http);
            return;
        }

        if (!IsAllowedOrigin(http.Request, options.Value))
        {
            await Problem(StatusCodes.Status403Forbidden, "This origin may not open the stream.").ExecuteAsync(http);
            return;
        }

        var credential = http.Request.Query["t"].ToString();
        var (check, caller) = credential.Length > 0 ? tokens.CheckCredential(credential) : tokens.Check(http.Request.Headers.Authorization);
        var (problem, _) = await AuthorizeCallerAsync(check, caller, conversationId, store, http.RequestAborted);
        if (problem is not null)
        {
            await problem.ExecuteAsync(http);
            return;
        }

        if (!TryParseWatermark(http.Request.Query["watermark"], out var watermark))
        {
            await Problem(StatusCodes.Status400BadRequest, "watermark must be a watermark this service returned.").ExecuteAsync(http);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var stream = new DirectLineStream(socket, conversationId, watermark, store, notifier, options.Value, Json, loggers.CreateLogger<DirectLineChannel>());
        // Open sockets would otherwise hold a stopping server until its shutdown timeout.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        await stream.RunAsync(ending.Token);
    }

    /// <summary>Checks the bearer credential against the conversation: 401 without one, 403 when expired or for another conversation, 404 when unknown.</summary>
    private static async Task<(ProblemHttpResult? Problem, StoredConversation? Conversation, DirectLineCaller? Caller)> AuthorizeAsync(
        HttpContext http, string conversationId, DirectLineTokens tokens, IDirectLineStore store)
    {
        var (check, caller) = tokens.Check(http.Request.Headers.Authorization);
        var (problem, conversation) = await AuthorizeCallerAsync(check, caller, conversationId, store, http.RequestAborted);
        return (problem, conversation, caller);
    }

    private static async Task<(ProblemHttpResult? Problem, StoredConversation? Conversation)> AuthorizeCallerAsync(
        CredentialCheck check, DirectLineCaller? caller, string conversationId, IDirectLineStore store, CancellationToken cancellationToken)
    {
        if (Deny(check, caller) is { } denied)
        {
            return (denied, null);
        }

        if (!caller!.MayUse(conversationId))
        {
            return (Problem(StatusCodes.Status403Forbidden, "This token is for another conversation."), null);
        }

        var conversation = await store.FindConversationAsync(conversationId, cancellationToken);
        return conversation is null
            ? (Problem(StatusCodes.Status404NotFound, "There is no such conversation."), null)
            : (null, conversation);
    }

    private static ProblemHttpResult? Deny(CredentialCheck check, DirectLineCaller? caller) => check switch
    {
        CredentialCheck.Valid when caller is not null => null,
        CredentialCheck.Missing => Problem(StatusCodes.Status401Unauthorized, "A Direct Line token is required."),
        CredentialCheck.Expired => Problem(StatusCodes.Status403Forbidden, "The token has expired."),
        _ => Problem(StatusCodes.Status403Forbidden, "The token is not valid."),
    };

    private static bool TryParseWatermark(string? value, out long watermark)
    {
        watermark = 0;
        return string.IsNullOrEmpty(value) || value == "-" ||
            (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out watermark) && watermark >= 0);
    }

    private static bool IsAcceptableUserId(string id) =>
        id.StartsWith("dl_", StringComparison.Ordinal) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Browsers send Origin on WebSockets; only this site and the configured ones may connect.</summary>
    private static bool IsAllowedOrigin(HttpRequest request, DirectLineOptions settings)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true; // not a browser
        }

        if (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return settings.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }

    private static string StreamUrl(HttpRequest request, string conversationId, string token, string? watermark = null)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var url = $"{scheme}://{request.Host}{request.PathBase}/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(token)}";
        return string.IsNullOrEmpty(watermark) ? url : url + "&watermark=" + Uri.EscapeDataString(watermark);
    }

    /// <summary>An optional small JSON body: absent is fine; too large (413) or not JSON of that shape (400) is not.</summary>
    private static async Task<(T? Value, ProblemHttpResult? Problem)> ReadOptionalAsync<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        const int limit = 16 * 1024;
        var body = await RequestBody.ReadLimitedAsync(http.Request, limit, http.RequestAborted);
        if (body is null)
        {
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, $"The body may be at most {limit} bytes."));
        }

        if (body.Length == 0)
        {
            return (null, null);
        }

        try
        {
            return (JsonSerializer.Deserialize(body, type), null);
        }
        catch (JsonException)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "The body is not JSON of the expected shape."));
        }
    }

    private static JsonHttpResult<T> Ok<T>(T value, int status = StatusCodes.Status200OK) => TypedResults.Json(value, Json, statusCode: status);

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);
}
