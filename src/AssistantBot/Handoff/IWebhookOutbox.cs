namespace AssistantBot.Handoff;

/// <summary>A webhook delivery owed for a request.</summary>
public sealed record WebhookDelivery(string RequestId, int Attempts);

/// <summary>
/// Announcements of new requests still to be delivered. The row is written in the same transaction as the request,
/// so a request can never exist without its announcement, even if the process dies right after.
/// </summary>
public interface IWebhookOutbox
{
    Task<IReadOnlyList<WebhookDelivery>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    Task MarkDeliveredAsync(string requestId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt; <paramref name="nextAttemptAt"/> null gives up.</summary>
    Task MarkFailedAsync(string requestId, int attempts, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken);
}
