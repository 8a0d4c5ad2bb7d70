using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;

namespace AssistantBot.Handoff;

/// <summary>
/// Encrypts what visitors tell the advocates (contact details, topic, transcript, live messages, staff notes) with
/// ASP.NET Core Data Protection before it is stored; keys live in the data directory.
/// </summary>
public sealed class HandoffProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("AssistantBot.Handoff.v1");

    public byte[] Protect<T>(T value) => _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(value, typeof(T), HandoffJsonContext.Default));

    public T Unprotect<T>(byte[] protectedValue) =>
        (T)JsonSerializer.Deserialize(_protector.Unprotect(protectedValue), typeof(T), HandoffJsonContext.Default)!;

    public byte[] ProtectText(string text) => Protect(text);

    public string UnprotectText(byte[] protectedText) => Unprotect<string>(protectedText);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HandoffContact))]
[JsonSerializable(typeof(HandoffDraft))]
[JsonSerializable(typeof(List<TranscriptLine>))]
[JsonSerializable(typeof(string))]
internal sealed partial class HandoffJsonContext : JsonSerializerContext;
