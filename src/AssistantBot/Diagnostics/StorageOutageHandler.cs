using AssistantBot.BotFramework.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace AssistantBot.Diagnostics;

/// <summary>
/// A database that cannot be reached (PostgreSQL restarting, a full disk) is answered, on every endpoint, with
/// 503, a Retry-After and a polite ProblemDetails, never a 500 page; clients such as botframework-directlinejs retry
/// 5xx answers by themselves. Turns have their own apology in the turn's error boundary.
/// </summary>
public sealed class StorageOutageHandler(IProblemDetailsService problems, ILogger<StorageOutageHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StorageUnavailableException)
        {
            return false;
        }

        logger.LogWarning("Storage unavailable while serving {Path}", http.Request.Path);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Temporarily unavailable",
                Detail = "The assistant cannot reach its records right now. Please try again in a moment.",
            },
        });
    }
}
