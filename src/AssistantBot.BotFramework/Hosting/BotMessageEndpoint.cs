using System.Text.Json;
using System.Text.Json.Nodes;
using AssistantBot.BotFramework.Authentication;
using AssistantBot.BotFramework.Connector;
using AssistantBot.BotFramework.Schema;
using AssistantBot.BotFramework.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AssistantBot.BotFramework.Hosting;

/// <summary>The bot's endpoint (<c>POST /api/messages</c>): where channels deliver activities.</summary>
public static class BotMessageEndpoint
{
    // The handler is a singleton holding its services, so a turn costs one service lookup; the Connector's typed
    // HttpClient is made only for the turns that reply through it.
    public static RouteHandlerBuilder MapBotFramework(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages") =>
        endpoints.MapPost(pattern, (HttpContext http, BotMessageHandler handler) => handler.HandleAsync(http)).WithName("BotFrameworkMessages");
}

/// <summary>Reads, checks and authenticates an activity, runs its turn and answers the channel.</summary>
public sealed class BotMessageHandler(
    BotAdapter adapter,
    ChannelRequestAuthenticator authenticator,
    IOptions<BotFrameworkOptions> options,
    IEnumerable<IReservedServiceUrl> reserved,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers)
{
    private readonly IReservedServiceUrl[] _reserved = [.. reserved];
    private readonly ILogger _logger = loggers.CreateLogger(typeof(BotMessageEndpoint));

    public async Task<Results<Ok, BotJsonResult<ExpectedReplies>, BotJsonResult<JsonNode>, StatusCodeHttpResult, ProblemHttpResult>> HandleAsync(HttpContext http)
    {
        var settings = options.Value;
        var body = await RequestBody.ReadLimitedAsync(http.Request, settings.MaxRequestBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"The largest accepted activity is {settings.MaxRequestBodyBytes} bytes.");
        }

        Activity? activity;
        try
        {
            activity = BotJson.Deserialize<Activity>(body);
        }
        catch (JsonException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed activity", "The body is not a JSON activity.");
        }

        if (ActivityShapeError(activity) is { } shapeError)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid activity", shapeError);
        }

        if (_reserved.Any(r => r.IsReserved(activity!.ServiceUrl)))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid activity", "serviceUrl names a channel built into this bot.");
        }

        var caller = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization, activity!, http.RequestAborted);
        if (!caller.Succeeded)
        {
            _logger.LogWarning("Rejected activity: {Reason}", caller.Failure);
            return caller.Status == AuthenticationStatus.Forbidden
                ? Problem(StatusCodes.Status403Forbidden, "Forbidden", "The token's signing key is not endorsed for this channel.")
                : Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "A valid Bot Framework token is required.");
        }

        var isInvoke = activity!.IsType(ActivityTypes.Invoke);
        if (string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase))
        {
            var replies = new ExpectRepliesSink();
            var turn = await adapter.RunTurnAsync(activity, caller, replies, http.RequestAborted);
            return isInvoke ? InvokeResult(turn) : new BotJsonResult<ExpectedReplies>(new ExpectedReplies { Activities = [.. replies.Replies] });
        }

        if (string.IsNullOrEmpty(activity.ServiceUrl))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid activity", "serviceUrl is required unless deliveryMode is expectReplies.");
        }

        // The turn runs on the application's lifetime, not the request's: a slow turn is acknowledged before the
        // channel's 15 s limit and finishes in the background, its replies going out through the Connector.
        var connector = http.RequestServices.GetRequiredService<ConnectorClient>();
        var running = adapter.RunTurnAsync(activity, caller, new ConnectorSink(connector), lifetime.ApplicationStopping);
        if (isInvoke)
        {
            return InvokeResult(await running);
        }

        var finished = await Task.WhenAny(running, Task.Delay(settings.AcknowledgeAfter, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default));
        if (finished != running)
        {
            _logger.LogInformation("Turn still running after {Seconds} s; acknowledged, finishing in the background", settings.AcknowledgeAfter.TotalSeconds);
            _ = running.ContinueWith(t => LogFailure(_logger, t), TaskScheduler.Default);
            return TypedResults.Ok();
        }

        LogFailure(_logger, running);
        return TypedResults.Ok();
    }

    private static void LogFailure(ILogger logger, Task turn)
    {
        if (turn.Exception?.GetBaseException() is { } error)
        {
            // Replies could not be delivered (the Connector refused them). A 5xx would only make the channel redeliver
            // an activity the bot has already processed, so the channel is answered 200 and the failure logged.
            logger.LogError("Delivering a turn's replies failed: {ExceptionType} {Message}", error.GetType().Name, error is ConnectorException ? error.Message : string.Empty);
        }
    }

    internal static string? ActivityShapeError(Activity? activity) => activity switch
    {
        null => "The body is not a JSON activity.",
        { Type: null or "" } => "type is required.",
        { ChannelId: null or "" } => "channelId is required.",
        { Conversation.Id: null or "" } or { Conversation: null } => "conversation.id is required.",
        _ => null,
    };

    private static Results<Ok, BotJsonResult<ExpectedReplies>, BotJsonResult<JsonNode>, StatusCodeHttpResult, ProblemHttpResult> InvokeResult(TurnContext turn) =>
        turn.InvokeResponse switch
        {
            null => Problem(StatusCodes.Status501NotImplemented, "Not implemented", $"This bot does not handle the invoke '{turn.Activity.Name}'."),
            { Body: null } response => TypedResults.StatusCode(response.Status),
            var response => new BotJsonResult<JsonNode>(response.Body, response.Status),
        };

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}

/// <summary>A channel built into this bot names its conversations with a serviceUrl that outside callers may not use.</summary>
public interface IReservedServiceUrl
{
    bool IsReserved(string? serviceUrl);
}
