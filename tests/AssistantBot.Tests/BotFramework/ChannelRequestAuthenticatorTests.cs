using System.Text.Json.Nodes;
using AssistantBot.BotFramework;
using AssistantBot.BotFramework.Authentication;
using AssistantBot.BotFramework.Schema;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;


namespace AssistantBot.Tests.BotFramework;

public sealed class ChannelRequestAuthenticatorTests : IDisposable
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    private readonly TestTokenIssuer _issuer = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_valid_channel_token_is_accepted()
    {
        var result = await Authenticate(_issuer.ChannelToken(AppId, ServiceUrl));

        Assert.Equal(AuthenticationStatus.Authenticated, result.Status);
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task Other_RSA_algorithms_of_the_spec_are_accepted(string algorithm)
    {
        var result = await Authenticate(_issuer.ChannelToken(AppId, ServiceUrl, algorithm: algorithm));

        Assert.Equal(AuthenticationStatus.Authenticated, result.Status);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused()
    {
        var result = await Authenticate(_issuer.ChannelToken(AppId, ServiceUrl, c => c["iss"] = "https://evil.example"));

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task A_token_for_another_bot_is_refused()
    {
        var result = await Authenticate(_issuer.ChannelToken("someone-else", ServiceUrl));

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_is_accepted_and_past_it_refused()
    {
        var token = _issuer.ChannelToken(AppId, ServiceUrl, c => c["exp"] = _clock.GetUtcNow().AddMinutes(-4).ToUnixTimeSeconds());
        Assert.Equal(AuthenticationStatus.Authenticated, (await Authenticate(token)).Status);

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(AuthenticationStatus.Unauthorized, (await Authenticate(token)).Status);
    }

    [Fact]
    public async Task A_token_not_yet_valid_beyond_the_skew_is_refused()
    {
        var result = await Authenticate(_issuer.ChannelToken(AppId, ServiceUrl, c => c["nbf"] = _clock.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds()));

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task A_token_without_expiry_is_refused()
    {
        var result = await Authenticate(_issuer.ChannelToken(AppId, ServiceUrl, c => c.Remove("exp")));

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task A_bad_signature_is_refused()
    {
        var result = await Authenticate(_issuer.ChannelToken(AppId, ServiceUrl, signWithUnpublishedKey: true));

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task A_tampered_payload_is_refused()
    {
        var token = _issuer.ChannelToken(AppId, ServiceUrl);
        var parts = token.Split('.');
        var forged = _issuer.ChannelToken(AppId, ServiceUrl, c => c["aud"] = AppId + "x").Split('.')[1];

        var result = await Authenticate($"{parts[0]}.{forged}.{parts[2]}");

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task The_none_algorithm_is_refused()
    {
        var token = _issuer.ChannelToken(AppId, ServiceUrl);
        var parts = token.Split('.');
        var header = System.Buffers.Text.Base64Url.EncodeToString("""{"alg":"none","kid":"test-key"}"""u8);

        var result = await Authenticate($"{header}.{parts[1]}.{parts[2]}");

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task A_serviceurl_claim_that_differs_from_the_activity_is_refused()
    {
        var result = await Authenticate(_issuer.ChannelToken(AppId, "https://attacker.example/"));

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task The_serviceurl_claim_is_compared_ignoring_case()
    {
        var result = await Authenticate(_issuer.ChannelToken(AppId, ServiceUrl.ToUpperInvariant()));

        Assert.Equal(AuthenticationStatus.Authenticated, result.Status);
    }

    [Fact]
    public async Task A_channel_token_without_serviceurl_claim_is_refused()
    {
        var result = await Authenticate(_issuer.ChannelToken(AppId, ServiceUrl, c => c.Remove("serviceurl")));

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task A_key_not_endorsed_for_the_channel_is_forbidden()
    {
        var result = await Authenticate(_issuer.ChannelToken(AppId, ServiceUrl), channelId: "slack");

        Assert.Equal(AuthenticationStatus.Forbidden, result.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task A_missing_header_is_unauthorized_when_an_app_id_is_configured(string? header)
    {
        var result = await Authenticator(AppId).AuthenticateAsync(header, Activity(), CancellationToken.None);

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Bearer ....")]
    public async Task Malformed_credentials_are_unauthorized(string header)
    {
        var result = await Authenticator(AppId).AuthenticateAsync(header, Activity(), CancellationToken.None);

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task Without_an_app_id_a_request_without_header_is_anonymous()
    {
        var result = await Authenticator(appId: null).AuthenticateAsync(null, Activity(), CancellationToken.None);

        Assert.Equal(AuthenticationStatus.Anonymous, result.Status);
    }

    [Fact]
    public async Task Without_an_app_id_a_request_with_a_header_is_still_validated()
    {
        var result = await Authenticator(appId: null).AuthenticateAsync("Bearer " + _issuer.ChannelToken(AppId, ServiceUrl), Activity(), CancellationToken.None);

        Assert.Equal(AuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task An_azure_ad_token_from_a_bot_framework_tenant_with_the_bots_app_id_is_accepted()
    {
        var token = _issuer.Sign(AzureAdPayload("https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/", ver: "1.0", appIdClaim: "appid", appId: AppId));

        Assert.Equal(AuthenticationStatus.Authenticated, (await Authenticate(token)).Status);
    }

    [Fact]
    public async Task An_azure_ad_v2_token_carries_the_app_id_in_azp()
    {
        var token = _issuer.Sign(AzureAdPayload("https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0", ver: "2.0", appIdClaim: "azp", appId: AppId));

        Assert.Equal(AuthenticationStatus.Authenticated, (await Authenticate(token)).Status);
    }

    [Fact]
    public async Task An_azure_ad_token_from_an_unknown_tenant_is_refused()
    {
        var token = _issuer.Sign(AzureAdPayload("https://sts.windows.net/00000000-0000-0000-0000-000000000000/", ver: "1.0", appIdClaim: "appid", appId: AppId));

        Assert.Equal(AuthenticationStatus.Unauthorized, (await Authenticate(token)).Status);
    }

    [Fact]
    public async Task An_azure_ad_token_for_another_app_is_refused()
    {
        var token = _issuer.Sign(AzureAdPayload("https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/", ver: "1.0", appIdClaim: "appid", appId: "another-app"));

        Assert.Equal(AuthenticationStatus.Unauthorized, (await Authenticate(token)).Status);
    }

    [Fact]
    public async Task Signing_keys_are_fetched_once_and_refreshed_after_a_day()
    {
        var authenticator = Authenticator(AppId);
        for (var i = 0; i < 3; i++)
        {
            await authenticator.AuthenticateAsync("Bearer " + _issuer.ChannelToken(AppId, ServiceUrl), Activity(), CancellationToken.None);
        }

        Assert.Equal(1, _issuer.MetadataRequests);
        _clock.Advance(TimeSpan.FromHours(25));
        await authenticator.AuthenticateAsync("Bearer " + _issuer.ChannelToken(AppId, ServiceUrl, c => c["exp"] = _clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds()), Activity(), CancellationToken.None);
        Assert.Equal(2, _issuer.MetadataRequests);
    }

    public void Dispose() => _issuer.Dispose();

    private Task<AuthenticationResult> Authenticate(string token, string channelId = "test") =>
        Authenticator(AppId).AuthenticateAsync("Bearer " + token, Activity(channelId), CancellationToken.None);

    private ChannelRequestAuthenticator Authenticator(string? appId)
    {
        var options = Options.Create(new BotFrameworkOptions
        {
            MicrosoftAppId = appId,
            ChannelOpenIdMetadataUrl = TestTokenIssuer.MetadataUrl,
            AzureAdOpenIdMetadataUrl = TestTokenIssuer.AzureAdMetadataUrl,
        });
        return new ChannelRequestAuthenticator(options, new SingleClientFactory(_issuer.Handler()), _clock);
    }

    private static Activity Activity(string channelId = "test") => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = channelId,
        ServiceUrl = ServiceUrl,
        Conversation = new ConversationAccount { Id = "c" },
    };

    private JsonObject AzureAdPayload(string issuer, string ver, string appIdClaim, string appId) => new()
    {
        ["iss"] = issuer,
        ["aud"] = AppId,
        ["ver"] = ver,
        [appIdClaim] = appId,
        ["nbf"] = _clock.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds(),
        ["exp"] = _clock.GetUtcNow().AddMinutes(60).ToUnixTimeSeconds(),
    };

    private sealed class SingleClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
