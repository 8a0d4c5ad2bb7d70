using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AssistantBot.Tests.Infrastructure;

/// <summary>
/// Plays the Bot Framework token service in tests: an RSA key published in OpenID metadata and a JWKS (with
/// channel endorsements, as Microsoft's keys carry), and tokens signed with it or with a key nobody published.
/// </summary>
public sealed class TestTokenIssuer : IDisposable
{
    public const string MetadataUrl = "https://login.test/v1/.well-known/openidconfiguration";
    public const string JwksUrl = "https://login.test/v1/keys";
    public const string AzureAdMetadataUrl = "https://aad.test/v2.0/.well-known/openid-configuration";
    public const string AzureAdJwksUrl = "https://aad.test/v2.0/keys";
    public const string ChannelIssuer = "https://api.botframework.com";

    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _strangerKey = RSA.Create(2048);

    public TestTokenIssuer(string keyId = "test-key", params string[] endorsements)
    {
        KeyId = keyId;
        Endorsements = endorsements.Length == 0 ? ["test", "msteams", "directline"] : endorsements;
    }

    public string KeyId { get; }

    public string[] Endorsements { get; }

    public int MetadataRequests { get; private set; }

    public string Jwks()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        var key = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
            ["endorsements"] = new JsonArray([.. Endorsements.Select(e => (JsonNode)JsonValue.Create(e)!)]),
        };
        return new JsonObject { ["keys"] = new JsonArray(key) }.ToJsonString();
    }

    /// <summary>A token as the channel service issues it; change any claim through <paramref name="claims"/> (null removes it).</summary>
    public string ChannelToken(string audience, string serviceUrl, Action<JsonObject>? claims = null, bool signWithUnpublishedKey = false, string algorithm = "RS256")
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new JsonObject
        {
            ["iss"] = ChannelIssuer,
            ["aud"] = audience,
            ["serviceurl"] = serviceUrl,
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(60).ToUnixTimeSeconds(),
        };
        claims?.Invoke(payload);
        return Sign(payload, signWithUnpublishedKey ? _strangerKey : _key, algorithm);
    }

    public string Sign(JsonObject payload, RSA? key = null, string algorithm = "RS256")
    {
        var header = new JsonObject { ["alg"] = algorithm, ["typ"] = "JWT", ["kid"] = KeyId };
        var signedPart = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." +
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var hash = algorithm switch { "RS384" => HashAlgorithmName.SHA384, "RS512" => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 };
        var signature = (key ?? _key).SignData(Encoding.ASCII.GetBytes(signedPart), hash, RSASignaturePadding.Pkcs1);
        return signedPart + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>An HTTP handler serving the metadata and keys, for the authenticator's HttpClient.</summary>
    public HttpMessageHandler Handler() => new MetadataHandler(this);

    public void Dispose()
    {
        _key.Dispose();
        _strangerKey.Dispose();
    }

    private sealed class MetadataHandler(TestTokenIssuer issuer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!.ToString();
            string? body = url switch
            {
                MetadataUrl => JsonSerializer.Serialize(new { issuer = ChannelIssuer, jwks_uri = JwksUrl }),
                AzureAdMetadataUrl => JsonSerializer.Serialize(new { issuer = "https://login.microsoftonline.com/x/v2.0", jwks_uri = AzureAdJwksUrl }),
                JwksUrl or AzureAdJwksUrl => issuer.Jwks(),
                _ => null,
            };
            if (url is MetadataUrl or AzureAdMetadataUrl)
            {
                issuer.MetadataRequests++;
            }

            return Task.FromResult(body is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
