using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AssistantBot.BotFramework.Schema;

/// <summary>
/// The one set of serializer options for Bot Framework payloads: camelCase, nulls omitted, and (as the spec asks)
/// no empty strings or empty arrays sent.
/// </summary>
public static class BotJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>
    /// Options for payloads that carry activities inside types of another protocol (Direct Line's ActivitySet):
    /// the same rules, with that protocol's source-generated metadata added.
    /// </summary>
    public static JsonSerializerOptions CreateOptions(IJsonTypeInfoResolver? additional = null)
    {
        var resolver = additional is null
            ? (IJsonTypeInfoResolver)BotJsonContext.Default
            : JsonTypeInfoResolver.Combine(BotJsonContext.Default, additional);
        var options = new JsonSerializerOptions(BotJsonContext.Default.Options)
        {
            TypeInfoResolver = resolver.WithAddedModifier(OmitEmptyValues),
            // Payloads go out as application/json, never inside HTML, so apostrophes and quotes need no \u escapes.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }

    private static void OmitEmptyValues(JsonTypeInfo typeInfo)
    {
        // Only the activity and what it contains; envelopes such as ExpectedReplies always carry their array.
        if (typeInfo.Type.Namespace != typeof(Activity).Namespace || typeInfo.Type == typeof(ExpectedReplies))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.IsExtensionData)
            {
                continue;
            }

            if (property.PropertyType == typeof(string))
            {
                property.ShouldSerialize = static (_, value) => !string.IsNullOrEmpty((string?)value);
            }
            else if (typeof(ICollection).IsAssignableFrom(property.PropertyType) && property.PropertyType != typeof(JsonObject))
            {
                property.ShouldSerialize = static (_, value) => value is ICollection { Count: > 0 };
            }
        }
    }

    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize(json, TypeInfo<T>());

    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize(utf8Json, TypeInfo<T>());

    public static ValueTask<T?> DeserializeAsync<T>(Stream utf8Json, CancellationToken cancellationToken) =>
        JsonSerializer.DeserializeAsync(utf8Json, TypeInfo<T>(), cancellationToken);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(List<Activity>))]
[JsonSerializable(typeof(ExpectedReplies))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class BotJsonContext : JsonSerializerContext;

/// <summary>Writes <c>timestamp</c> as ISO 8601 UTC ending in <c>Z</c>, as channels expect.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStringValue(value.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }
}
