using System.Text.Json.Serialization;
using AssistantBot.BotFramework.Schema;

namespace AssistantBot.DirectLine;

/// <summary>Direct Line's <c>Conversation</c> object, returned when a conversation or token is issued.</summary>
public sealed class DirectLineConversation
{
    public required string ConversationId { get; set; }
    public string? Token { get; set; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; set; }

    public string? StreamUrl { get; set; }
}

/// <summary>A page of the activity log, or one frame on the WebSocket.</summary>
public sealed class ActivitySet
{
    public List<Activity> Activities { get; set; } = [];
    public string? Watermark { get; set; }
}

public sealed class TokenParameters
{
    public ChannelAccount? User { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DirectLineConversation))]
[JsonSerializable(typeof(ActivitySet))]
[JsonSerializable(typeof(TokenParameters))]
internal sealed partial class DirectLineJsonContext : JsonSerializerContext;
