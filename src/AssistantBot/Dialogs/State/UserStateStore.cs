using AssistantBot.BotFramework.Schema;
using AssistantBot.BotFramework.Storage;
using AssistantBot.Conversations;

namespace AssistantBot.Dialogs.State;

/// <summary>
/// Per-user state in the same <see cref="IStorage"/> as conversations, under <see cref="StateKeys.User"/>.
/// Updates are read-modify-write with the ETag read; when another conversation of the same visitor wrote first,
/// the change is applied again to the fresh state (a bounded number of times).
/// </summary>
public sealed class UserStateStore(IStorage storage)
{
    private const int MaxAttempts = 5;

    /// <summary>
    /// Applies <paramref name="change"/> to the sender's state and saves it; returns what the change returned, or the
    /// default for an activity without a sender to remember.
    /// </summary>
    public async Task<T?> UpdateAsync<T>(Activity activity, Func<UserData, T> change, CancellationToken cancellationToken)
    {
        if (activity.From?.Id is not { Length: > 0 } userId || activity.ChannelId is null)
        {
            return default;
        }

        var key = StateKeys.User(activity.ChannelId, userId);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await storage.ReadAsync(key, cancellationToken);
            var data = stored is null ? new UserData() : StateJson.Deserialize<UserData>(stored.Json);
            var result = change(data);
            try
            {
                await storage.WriteAsync(key, StateJson.Serialize(data), stored?.ETag, cancellationToken);
                return result;
            }
            catch (StorageConflictException) when (attempt < MaxAttempts)
            {
                // Another conversation of the same visitor saved first: apply the change to what it wrote.
            }
        }
    }
}
