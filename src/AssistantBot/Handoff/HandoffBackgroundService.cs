using Microsoft.Extensions.Options;

namespace AssistantBot.Handoff;

/// <summary>
/// The hand-off's clockwork: closes live-chat offers nobody accepted in time and delivers webhook announcements that
/// are due. Both are safe with several instances (a live offer is closed by whoever flips its state; a webhook
/// delivered twice carries the same reference).
/// </summary>
public sealed class HandoffBackgroundService(
    HandoffCoordinator coordinator,
    WebhookNotifier webhooks,
    IOptions<HandoffOptions> options,
    TimeProvider clock,
    ILogger<HandoffBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Webhook.PollInterval, clock);
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await coordinator.ExpireLiveOffersAsync(cancellationToken);
            await webhooks.DeliverDueAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database may be restarting; the next tick tries again.
            logger.LogWarning("Hand-off background work failed: {ExceptionType}", ex.GetType().Name);
        }
    }
}
