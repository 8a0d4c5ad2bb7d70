using AssistantBot.BotFramework.Schema;
using AssistantBot.BotFramework.Storage;

namespace AssistantBot.Conversations;

/// <summary>
/// Stored conversation references, so the bot (and staff, through it) can message a conversation later.
/// Kept in the same <see cref="IStorage"/> as turn state, under their own keys.
/// </summary>
public sealed class ConversationReferences(IStorage storage)
{
    public async Task SaveIfChangedAsync(Activity activity, ConversationData data, CancellationToken cancellationToken)
    {
        if (data.ReferenceServiceUrl == activity.ServiceUrl || activity.ServiceUrl is null)
        {
            return;
        }

        var reference = activity.GetConversationReference();
        await storage.WriteAsync(StateKeys.Reference(activity.ChannelId!, activity.Conversation!.Id!), BotJson.SerializeToUtf8Bytes(reference), "*", cancellationToken);
        data.ReferenceServiceUrl = activity.ServiceUrl;
    }

    public async Task<ConversationReference?> FindAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        await storage.ReadAsync(StateKeys.Reference(channelId, conversationId), cancellationToken) is { } item
            ? BotJson.Deserialize<ConversationReference>(item.Json)
            : null;

    public Task DeleteAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        storage.DeleteAsync(StateKeys.Reference(channelId, conversationId), cancellationToken);
}
