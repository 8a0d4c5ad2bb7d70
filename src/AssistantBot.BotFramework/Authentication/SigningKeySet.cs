using System.Security.Cryptography;
using System.Text.Json;

namespace AssistantBot.BotFramework.Authentication;

/// <summary>An RSA signing key from a JWKS document, with the channel ids it is endorsed for.</summary>
public sealed record SigningKey(string KeyId, RSAParameters Parameters, IReadOnlyList<string> Endorsements);

/// <summary>
/// Signing keys published behind one OpenID metadata document: fetched on first use, kept for the refresh interval,
/// and fetched again early (but not more often than the unknown-key interval) when a token names a key we lack.
/// </summary>
public sealed class SigningKeySet(string metadataUrl, HttpClient http, TimeProvider clock, TimeSpan refreshInterval, TimeSpan unknownKeyInterval)
{
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private IReadOnlyDictionary<string, SigningKey> _keys = new Dictionary<string, SigningKey>();
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public string MetadataUrl => metadataUrl;

    public async Task<SigningKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now - _fetchedAt >= refreshInterval)
        {
            await RefreshAsync(force: false, cancellationToken);
        }

        if (_keys.TryGetValue(keyId, out var key))
        {
            return key;
        }

        if (clock.GetUtcNow() - _fetchedAt >= unknownKeyInterval)
        {
            await RefreshAsync(force: true, cancellationToken);
            _keys.TryGetValue(keyId, out key);
        }

        return key;
    }

    private async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            var age = clock.GetUtcNow() - _fetchedAt;
            if (force ? age < unknownKeyInterval : age < refreshInterval)
            {
                return; // another caller refreshed while we waited
            }

            using var metadata = await GetJsonAsync(metadataUrl, cancellationToken);
            var jwksUri = metadata.RootElement.TryGetProperty("jwks_uri", out var uri) ? uri.GetString() : null;
            if (string.IsNullOrEmpty(jwksUri))
            {
                throw new InvalidOperationException($"OpenID metadata at {metadataUrl} has no jwks_uri.");
            }

            using var jwks = await GetJsonAsync(jwksUri, cancellationToken);
            _keys = ParseKeys(jwks.RootElement);
            _fetchedAt = clock.GetUtcNow();
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private async Task<JsonDocument> GetJsonAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
    }

    internal static Dictionary<string, SigningKey> ParseKeys(JsonElement jwks)
    {
        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        if (!jwks.TryGetProperty("keys", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return keys;
        }

        foreach (var jwk in array.EnumerateArray())
        {
            if (jwk.GetStringOrNull("kty") != "RSA" || jwk.GetStringOrNull("kid") is not { } kid ||
                jwk.GetStringOrNull("n") is not { } n || jwk.GetStringOrNull("e") is not { } e)
            {
                continue;
            }

            var endorsements = jwk.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
                : [];
            keys[kid] = new SigningKey(kid, new RSAParameters { Modulus = Base64Url.Decode(n), Exponent = Base64Url.Decode(e) }, endorsements);
        }

        return keys;
    }
}
