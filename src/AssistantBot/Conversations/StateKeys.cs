using AssistantBot.BotFramework.Schema;

namespace AssistantBot.Conversations;

/// <summary>Storage keys; the channel is part of every key so two channels' conversation ids can never collide.</summary>
public static class StateKeys
{
    public static string Conversation(string channelId, string conversationId) => $"conversation/{channelId}/{conversationId}";

    public static string Conversation(Activity activity) => Conversation(activity.ChannelId!, activity.Conversation!.Id!);

    public static string Reference(string channelId, string conversationId) => $"reference/{channelId}/{conversationId}";

    public static string User(string channelId, string userId) => $"user/{channelId}/{userId}";
}
