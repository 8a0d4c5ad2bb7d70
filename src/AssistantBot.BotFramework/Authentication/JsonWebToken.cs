using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AssistantBot.BotFramework.Authentication;

/// <summary>A compact-serialised JWS split into its parts. Parsing checks shape only; nothing here is trusted yet.</summary>
internal sealed class JsonWebToken : IDisposable
{
    private readonly JsonDocument _header;
    private readonly JsonDocument _payload;
    private readonly string _signedPart;
    private readonly byte[] _signature;

    private JsonWebToken(JsonDocument header, JsonDocument payload, string signedPart, byte[] signature)
    {
        _header = header;
        _payload = payload;
        _signedPart = signedPart;
        _signature = signature;
    }

    public string? Algorithm => _header.RootElement.GetStringOrNull("alg");
    public string? KeyId => _header.RootElement.GetStringOrNull("kid");
    public JsonElement Claims => _payload.RootElement;

    public string? Claim(string name) => Claims.GetStringOrNull(name);

    public static JsonWebToken? TryParse(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(string.IsNullOrEmpty))
        {
            return null;
        }

        JsonDocument? header = null;
        try
        {
            header = JsonDocument.Parse(Base64Url.Decode(parts[0]));
            var payload = JsonDocument.Parse(Base64Url.Decode(parts[1]));
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                header.Dispose();
                payload.Dispose();
                return null;
            }

            return new JsonWebToken(header, payload, parts[0] + "." + parts[1], Base64Url.Decode(parts[2]));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            header?.Dispose();
            return null;
        }
    }

    public bool HasValidSignature(SigningKey key)
    {
        var hash = Algorithm switch
        {
            "RS256" => HashAlgorithmName.SHA256,
            "RS384" => HashAlgorithmName.SHA384,
            "RS512" => HashAlgorithmName.SHA512,
            _ => default,
        };
        if (hash == default)
        {
            return false;
        }

        // A fresh RSA object per check: RSA instances are not documented as safe to share between threads.
        using var rsa = RSA.Create(key.Parameters);
        return rsa.VerifyData(Encoding.ASCII.GetBytes(_signedPart), _signature, hash, RSASignaturePadding.Pkcs1);
    }

    /// <summary>Seconds since the epoch, from a numeric claim.</summary>
    public DateTimeOffset? TimeClaim(string name) =>
        Claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public IEnumerable<string> Audiences()
    {
        if (!Claims.TryGetProperty("aud", out var aud))
        {
            yield break;
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            yield return aud.GetString()!;
        }
        else if (aud.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in aud.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    yield return item.GetString()!;
                }
            }
        }
    }

    public void Dispose()
    {
        _header.Dispose();
        _payload.Dispose();
    }
}
