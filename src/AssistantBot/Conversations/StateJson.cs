using System.Text.Json;
using System.Text.Json.Serialization;

namespace AssistantBot.Conversations;

/// <summary>Serialisation of saved state: source-generated, camelCase, tolerant of fields added by newer versions.</summary>
public static class StateJson
{
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, typeof(T), StateJsonContext.Default);

    public static T Deserialize<T>(ReadOnlySpan<byte> json)
        where T : new() =>
        (T?)JsonSerializer.Deserialize(json, typeof(T), StateJsonContext.Default) ?? new T();
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationData))]
[JsonSerializable(typeof(AssistantBot.Dialogs.State.UserData))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
