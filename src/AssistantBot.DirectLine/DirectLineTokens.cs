using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AssistantBot.DirectLine;

/// <summary>Who a bearer credential lets in: the secret (any conversation) or a token (one conversation, until it expires).</summary>
public sealed record DirectLineCaller(bool IsSecret, string? ConversationId, string? UserId, DateTimeOffset ExpiresAt)
{
    public bool MayUse(string conversationId) => IsSecret || string.Equals(ConversationId, conversationId, StringComparison.Ordinal);
}

public enum CredentialCheck
{
    Valid,
    /// <summary>No credential at all: 401.</summary>
    Missing,
    /// <summary>A credential we never issued (or a forged one): 403.</summary>
    Invalid,
    Expired,
}

/// <summary>
/// Conversation tokens: self-contained and signed with a key derived from the channel secret, so any instance that
/// shares the secret can check them without a database read.
/// </summary>
public sealed class DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider clock)
{
    private const string Prefix = "dlt1.";
    private byte[]? _key;
    private string? _keyFor;

    public string Issue(string conversationId, string? userId, out int expiresInSeconds)
    {
        var lifetime = options.Value.TokenLifetime;
        expiresInSeconds = (int)lifetime.TotalSeconds;
        var payload = JsonSerializer.SerializeToUtf8Bytes(new TokenPayload
        {
            C = conversationId,
            U = userId,
            X = clock.GetUtcNow().Add(lifetime).ToUnixTimeSeconds(),
            N = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)),
        }, TokenPayloadContext.Default.TokenPayload);
        var encoded = Base64Url.EncodeToString(payload);
        return Prefix + encoded + "." + Base64Url.EncodeToString(Sign(encoded));
    }

    public (CredentialCheck Check, DirectLineCaller? Caller) Check(string? authorizationHeader)
    {
        const string scheme = "Bearer ";
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return (CredentialCheck.Missing, null);
        }

        if (!authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return (CredentialCheck.Invalid, null);
        }

        return CheckCredential(authorizationHeader[scheme.Length..].Trim());
    }

    public (CredentialCheck Check, DirectLineCaller? Caller) CheckCredential(string credential)
    {
        if (credential.Length == 0)
        {
            return (CredentialCheck.Missing, null);
        }

        var secret = options.Value.Secret;
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(credential), Encoding.UTF8.GetBytes(secret)))
        {
            return (CredentialCheck.Valid, new DirectLineCaller(true, null, null, DateTimeOffset.MaxValue));
        }

        if (!credential.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return (CredentialCheck.Invalid, null);
        }

        var parts = credential[Prefix.Length..].Split('.');
        if (parts.Length != 2)
        {
            return (CredentialCheck.Invalid, null);
        }

        try
        {
            if (!CryptographicOperations.FixedTimeEquals(Base64Url.DecodeFromChars(parts[1]), Sign(parts[0])))
            {
                return (CredentialCheck.Invalid, null);
            }

            var payload = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(parts[0]), TokenPayloadContext.Default.TokenPayload);
            if (payload?.C is null)
            {
                return (CredentialCheck.Invalid, null);
            }

            var expires = DateTimeOffset.FromUnixTimeSeconds(payload.X);
            var caller = new DirectLineCaller(false, payload.C, payload.U, expires);
            return clock.GetUtcNow() >= expires ? (CredentialCheck.Expired, caller) : (CredentialCheck.Valid, caller);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return (CredentialCheck.Invalid, null);
        }
    }

    private byte[] Sign(string encodedPayload)
    {
        var secret = options.Value.Secret;
        if (_key is null || !ReferenceEquals(_keyFor, secret))
        {
            // A key of its own for tokens, so a token never reveals anything usable as the secret.
            _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), "directline-token-key"u8);
            _keyFor = secret;
        }

        return HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(encodedPayload));
    }
}

internal sealed class TokenPayload
{
    /// <summary>Conversation id.</summary>
    public string? C { get; set; }

    /// <summary>
    /// User id, when the token was issued for a user. Named <c>user</c> as in Direct Line's own tokens: Web Chat and
    /// botframework-directlinejs read the second dot-separated part of a token as JSON and take its <c>user</c> as the
    /// user's id; without it Web Chat discards a <c>dl_</c> user id as forgeable and makes up a random one.
    /// </summary>
    [System.Text.Json.Serialization.JsonPropertyName("user")]
    public string? U { get; set; }

    /// <summary>Expiry, seconds since the epoch.</summary>
    public long X { get; set; }

    /// <summary>Nonce, so two tokens issued in the same second differ.</summary>
    public string? N { get; set; }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(TokenPayload))]
internal sealed partial class TokenPayloadContext : System.Text.Json.Serialization.JsonSerializerContext;
