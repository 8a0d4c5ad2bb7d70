using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace AssistantBot.Handoff;

/// <summary>
/// Announces each new request to a staff channel or paging system: the reference number, when it is due and a link to
/// the console; contact details only if configured. Failed deliveries are retried with growing delays, from the
/// outbox, so a restart does not lose them.
/// </summary>
public sealed class WebhookNotifier(
    IWebhookOutbox outbox,
    IHandoffStore store,
    HandoffProtector protector,
    IHttpClientFactory httpClients,
    IOptions<HandoffOptions> options,
    TimeProvider clock,
    ILogger<WebhookNotifier> logger)
{
    public async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        foreach (var due in await outbox.DueAsync(clock.GetUtcNow(), 20, cancellationToken))
        {
            if (string.IsNullOrEmpty(settings.Webhook.Url))
            {
                await outbox.MarkFailedAsync(due.RequestId, due.Attempts, null, cancellationToken); // nothing to call
                continue;
            }

            var request = await store.FindAsync(due.RequestId, cancellationToken);
            if (request is null)
            {
                continue;
            }

            var attempts = due.Attempts + 1;
            if (await TryPostAsync(settings, request, cancellationToken))
            {
                await outbox.MarkDeliveredAsync(due.RequestId, clock.GetUtcNow(), cancellationToken);
                continue;
            }

            var next = attempts >= settings.Webhook.MaxAttempts
                ? (DateTimeOffset?)null
                : clock.GetUtcNow() + settings.Webhook.FirstRetryDelay * Math.Pow(2, attempts - 1);
            await outbox.MarkFailedAsync(due.RequestId, attempts, next, cancellationToken);
            if (next is null)
            {
                logger.LogError("Gave up announcing request {Reference} to the webhook after {Attempts} attempts", request.Reference, attempts);
            }
        }
    }

    private async Task<bool> TryPostAsync(HandoffOptions settings, HandoffRequest request, CancellationToken cancellationToken)
    {
        var link = string.IsNullOrEmpty(settings.PublicBaseUrl) ? $"/staff#request/{request.Id}" : $"{settings.PublicBaseUrl.TrimEnd('/')}/staff#request/{request.Id}";
        var contact = settings.Webhook.IncludeContactDetails ? protector.Unprotect<HandoffContact>(request.ProtectedContact) : null;
        var body = new WebhookMessage(
            $"New Patient Advocate request {request.Reference}, due by {request.DueBy:yyyy-MM-dd HH:mm zzz}: {link}",
            request.Reference, request.CreatedAt, request.DueBy, link, contact?.Name, contact?.HowToReach);
        try
        {
            using var http = httpClients.CreateClient(nameof(WebhookNotifier));
            using var response = await http.PostAsJsonAsync(settings.Webhook.Url, body, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Webhook delivery of {Reference} failed: {ExceptionType}", request.Reference, ex.GetType().Name);
            return false;
        }
    }

    /// <summary>The webhook body; <c>text</c> makes it readable in chat tools (Teams/Slack incoming webhooks).</summary>
    public sealed record WebhookMessage(string Text, string Reference, DateTimeOffset CreatedAt, DateTimeOffset DueBy, string Link, string? Name, string? Contact);
}
