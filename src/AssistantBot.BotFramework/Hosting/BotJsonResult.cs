using AssistantBot.BotFramework.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AssistantBot.BotFramework.Hosting;

/// <summary>
/// A Bot Framework payload as the response body, serialised whole before it is written: replies are small, so one
/// buffer with a Content-Length costs less than <see cref="JsonHttpResult{TValue}"/>'s streaming serializer and the
/// chunked encoding it implies (measured on <c>/api/messages</c>, see docs/benchmarks.md).
/// </summary>
public sealed class BotJsonResult<T>(T value, int statusCode = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult, IValueHttpResult<T>, IValueHttpResult, IContentTypeHttpResult
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public T Value { get; } = value;

    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    object? IValueHttpResult.Value => Value;

    public string ContentType => JsonContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var body = BotJson.SerializeToUtf8Bytes(Value);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
