using Microsoft.Extensions.Options;

namespace AssistantBot.Knowledge.Feedback;

/// <summary>
/// Deletes question text past the retention period when the host starts. The responder also deletes it whenever it
/// stores new text, but a quiet assistant stores none, and text must not outlive its period for lack of new questions.
/// </summary>
public sealed class FeedbackRetention(IKnowledgeFeedbackStore store, IOptions<KnowledgeOptions> options, TimeProvider time, ILogger<FeedbackRetention> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var purged = await PurgeAsync(store, options.Value, time, cancellationToken);
            if (purged > 0)
            {
                logger.LogInformation("Deleted {Count} unanswered questions and feedback older than {Days} days", purged, options.Value.RetentionDays);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A database that is down at start must not keep the assistant from starting (it answers 503 until the
            // database is back); the next question or verdict stored purges again.
            logger.LogWarning(ex, "Could not delete expired question text at start-up; it is deleted when new text is stored");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The retention rule, for every place that applies it: nothing older than <see cref="KnowledgeOptions.RetentionDays"/>.</summary>
    public static Task<int> PurgeAsync(IKnowledgeFeedbackStore store, KnowledgeOptions options, TimeProvider time, CancellationToken cancellationToken) =>
        store.PurgeAsync(Cutoff(options, time.GetUtcNow()), cancellationToken);

    public static DateTimeOffset Cutoff(KnowledgeOptions options, DateTimeOffset now) => now.AddDays(-options.RetentionDays);
}
