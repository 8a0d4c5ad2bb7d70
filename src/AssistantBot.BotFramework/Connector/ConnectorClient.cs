using System.Net;
using System.Net.Http.Headers;
using AssistantBot.BotFramework.Authentication;
using AssistantBot.BotFramework.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AssistantBot.BotFramework.Connector;

/// <summary>
/// The Connector API client: sends activities to a channel's <c>serviceUrl</c>, with the bot's outbound token when
/// credentials are configured, retrying 429, 412, 502 and 504 a bounded number of times with exponential backoff
/// and jitter, honouring <c>Retry-After</c>.
/// </summary>
public sealed class ConnectorClient(
    HttpClient http,
    AppCredentialsTokenProvider tokens,
    IOptions<BotFrameworkOptions> options,
    TimeProvider clock,
    ILogger<ConnectorClient> logger)
{
    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        PostAsync(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity, cancellationToken);

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        PostAsync(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", activity, cancellationToken);

    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        using var response = await SendWithRetriesAsync(serviceUrl, "v3/conversations", BotJson.SerializeToUtf8Bytes(parameters), cancellationToken);
        return await ReadBodyAsync<ConversationResourceResponse>(response, cancellationToken) ?? new ConversationResourceResponse();
    }

    /// <summary>Sends to the conversation, as a reply when the activity names the one it answers.</summary>
    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var serviceUrl = activity.ServiceUrl ?? throw new InvalidOperationException("Activity has no serviceUrl.");
        var conversationId = activity.Conversation?.Id ?? throw new InvalidOperationException("Activity has no conversation id.");
        return string.IsNullOrEmpty(activity.ReplyToId)
            ? SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken)
            : ReplyToActivityAsync(serviceUrl, conversationId, activity.ReplyToId, activity, cancellationToken);
    }

    private async Task<ResourceResponse> PostAsync(string serviceUrl, string path, Activity activity, CancellationToken cancellationToken)
    {
        using var response = await SendWithRetriesAsync(serviceUrl, path, BotJson.SerializeToUtf8Bytes(activity), cancellationToken);
        return await ReadBodyAsync<ResourceResponse>(response, cancellationToken) ?? new ResourceResponse();
    }

    private async Task<HttpResponseMessage> SendWithRetriesAsync(string serviceUrl, string path, byte[] body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var target = new Uri(new Uri(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/"), path);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target)
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
            };
            if (await tokens.GetTokenAsync(cancellationToken) is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var delay = RetryDelay(response, attempt, settings);
            if (delay is null || attempt >= settings.ConnectorMaxAttempts)
            {
                var status = response.StatusCode;
                var error = await ReadBodyAsync<ErrorResponse>(response, cancellationToken);
                response.Dispose();
                throw new ConnectorException(status, error?.Error?.Code, error?.Error?.Message);
            }

            logger.LogWarning("Connector answered {Status}; retry {Attempt} in {Delay} ms", (int)response.StatusCode, attempt, (int)delay.Value.TotalMilliseconds);
            response.Dispose();
            await Task.Delay(delay.Value, clock, cancellationToken);
        }
    }

    /// <summary>How long to wait before the next attempt, or null when the answer is not worth retrying.</summary>
    internal static TimeSpan? RetryDelay(HttpResponseMessage response, int attempt, BotFrameworkOptions settings)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout))
        {
            return null;
        }

        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta <= settings.ConnectorMaxRetryAfter ? delta : null;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait <= settings.ConnectorMaxRetryAfter ? wait : null;
        }

        var backoff = settings.ConnectorBaseDelay * Math.Pow(2, attempt - 1);
        var jitter = Random.Shared.NextDouble() * 0.5 + 0.75; // 75% to 125%
        return backoff * jitter;
    }

    private static async Task<T?> ReadBodyAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        // Some peers answer 200/201 with an empty body; that is a success with no id.
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return BotJson.Deserialize<T>(bytes);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

public sealed class ConnectorException(HttpStatusCode status, string? code, string? message)
    : Exception($"Connector call failed with {(int)status} {code}: {message}")
{
    public HttpStatusCode Status { get; } = status;
    public string? Code { get; } = code;
}
