using AssistantBot.BotFramework.Storage;
using AssistantBot.BotFramework.Turns;
using Microsoft.Extensions.Options;

namespace AssistantBot.Conversations;

/// <summary>
/// The unit of work of a stateful turn, safe with several instances on one database:
/// load the conversation's state → run the logic → save with the ETag read → only then let the adapter send.
/// When another writer saved first, the replies are dropped and the turn runs again on fresh state, a bounded number
/// of times. Turns of one conversation are also serialised within this process so that conflicts stay rare.
/// An activity id already in the state is a redelivery and is ignored.
/// </summary>
public sealed class ConversationTurnRunner(
    IStorage storage,
    ConversationReferences references,
    IOptions<ConversationOptions> options,
    TimeProvider clock,
    ILogger<ConversationTurnRunner> logger)
{
    private readonly KeyedLocks _locks = new();
    private readonly SavedConversations _saved = new();

    public async Task RunAsync(TurnContext turn, Func<AssistantTurn, CancellationToken, Task> logic, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var key = StateKeys.Conversation(turn.Activity);
        using var held = await _locks.AcquireAsync(key, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            turn.DiscardOutbox();
            var stored = await storage.ReadAsync(key, cancellationToken);
            var data = stored is null ? new ConversationData()
                : _saved.Take(key, stored.Json) ?? StateJson.Deserialize<ConversationData>(stored.Json);
            if (data.HasProcessed(turn.Activity.Id))
            {
                logger.LogInformation("Ignored a redelivered activity");
                return;
            }

            var now = clock.GetUtcNow();
            await logic(new AssistantTurn(turn, data, now), cancellationToken);
            data.RememberProcessed(turn.Activity.Id, settings.RecentActivityIdsKept);
            data.LastActiveAt = now;
            await references.SaveIfChangedAsync(turn.Activity, data, cancellationToken);
            try
            {
                var json = StateJson.Serialize(data);
                await storage.WriteAsync(key, json, stored?.ETag, cancellationToken);
                _saved.Put(key, json, data);
                return;
            }
            catch (StorageConflictException) when (attempt < settings.MaxSaveAttempts)
            {
                logger.LogInformation("Conversation saved elsewhere first; running the turn again (attempt {Attempt})", attempt + 1);
                // Another instance is busy with this conversation: a short random pause keeps two from colliding again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt)), cancellationToken);
            }
        }
    }

    public Task ResetAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var key = StateKeys.Conversation(turn.Activity);
        _saved.Forget(key);
        return storage.DeleteAsync(key, cancellationToken);
    }
}
