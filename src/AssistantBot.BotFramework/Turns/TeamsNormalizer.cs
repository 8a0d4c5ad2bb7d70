using System.Text.Json;
using System.Text.Json.Nodes;
using AssistantBot.BotFramework.Schema;

namespace AssistantBot.BotFramework.Turns;

/// <summary>
/// Teams specifics applied before the bot sees an activity: the bot's own @mention is removed from <c>text</c>
/// (in channels and group chats every message carries it), and the tenant is kept on the conversation so the
/// stored conversation reference can be used for proactive messages.
/// </summary>
public static class TeamsNormalizer
{
    public static void Normalize(Activity activity)
    {
        if (!string.Equals(activity.ChannelId, Channels.Msteams, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (activity.Conversation is { TenantId: null or "" } conversation &&
            activity.ChannelData?["tenant"]?["id"] is JsonValue tenantId && tenantId.TryGetValue(out string? tenant))
        {
            conversation.TenantId = tenant;
        }

        if (activity.Text is { Length: > 0 } text && activity.Recipient?.Id is { } botId)
        {
            activity.Text = RemoveMentionsOf(botId, text, activity.Entities).Trim();
        }
    }

    private static string RemoveMentionsOf(string botId, string text, List<Entity>? entities)
    {
        foreach (var entity in entities ?? [])
        {
            if (!string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase) || entity.Properties is null)
            {
                continue;
            }

            var mentionedId = entity.Properties.TryGetValue("mentioned", out var mentioned) && mentioned.ValueKind == JsonValueKind.Object &&
                mentioned.TryGetProperty("id", out var id) ? id.GetString() : null;
            var mentionText = entity.Properties.TryGetValue("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (string.Equals(mentionedId, botId, StringComparison.Ordinal) && !string.IsNullOrEmpty(mentionText))
            {
                text = text.Replace(mentionText, string.Empty, StringComparison.OrdinalIgnoreCase);
            }
        }

        return text;
    }
}
