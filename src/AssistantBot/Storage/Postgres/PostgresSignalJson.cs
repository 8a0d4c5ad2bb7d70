using System.Text.Json.Serialization;
using AssistantBot.Staff;

namespace AssistantBot.Storage.Postgres;

/// <summary>A Direct Line signal between instances: news up to <paramref name="Watermark"/>, or a typing activity (its JSON).</summary>
public sealed record DirectLineSignal(
    [property: JsonPropertyName("c")] string ConversationId,
    [property: JsonPropertyName("w")] long Watermark,
    [property: JsonPropertyName("t")] string? Transient);

/// <summary>Payloads of the NOTIFY channels.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DirectLineSignal))]
[JsonSerializable(typeof(StaffEvent))]
internal sealed partial class PostgresSignalJson : JsonSerializerContext;
