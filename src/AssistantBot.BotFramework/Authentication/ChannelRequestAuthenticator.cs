using AssistantBot.BotFramework.Schema;
using Microsoft.Extensions.Options;

namespace AssistantBot.BotFramework.Authentication;

/// <summary>
/// Checks the bearer token on an inbound activity as the Bot Framework authentication spec describes: tokens from the
/// Bot Framework channel service (issuer, audience, lifetime, signature, <c>serviceurl</c> claim, key endorsement) and
/// Azure AD tokens (the Emulator, skills) whose app id claim is the bot's own.
/// </summary>
public sealed class ChannelRequestAuthenticator
{
    private readonly BotFrameworkOptions _options;
    private readonly TimeProvider _clock;
    private readonly SigningKeySet _channelKeys;
    private readonly SigningKeySet _azureAdKeys;

    public ChannelRequestAuthenticator(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        var http = httpClients.CreateClient(nameof(ChannelRequestAuthenticator));
        _channelKeys = new SigningKeySet(_options.ChannelOpenIdMetadataUrl, http, clock, _options.SigningKeyRefreshInterval, _options.UnknownKeyRefreshInterval);
        _azureAdKeys = new SigningKeySet(_options.AzureAdOpenIdMetadataUrl, http, clock, _options.SigningKeyRefreshInterval, _options.UnknownKeyRefreshInterval);
    }

    public async Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return _options.IsAuthenticationEnabled
                ? AuthenticationResult.Unauthorized("No Authorization header.")
                : AuthenticationResult.Anonymous;
        }

        const string scheme = "Bearer ";
        if (!authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Unauthorized("Authorization scheme is not Bearer.");
        }

        using var token = JsonWebToken.TryParse(authorizationHeader[scheme.Length..].Trim());
        if (token is null)
        {
            return AuthenticationResult.Unauthorized("Malformed token.");
        }

        var issuer = token.Claim("iss");
        if (string.Equals(issuer, _options.ChannelIssuer, StringComparison.Ordinal))
        {
            return await ValidateChannelTokenAsync(token, activity, cancellationToken);
        }

        if (issuer is not null && IsAzureAdIssuer(issuer))
        {
            return await ValidateAzureAdTokenAsync(token, cancellationToken);
        }

        return AuthenticationResult.Unauthorized("Untrusted issuer.");
    }

    private async Task<AuthenticationResult> ValidateChannelTokenAsync(JsonWebToken token, Activity activity, CancellationToken cancellationToken)
    {
        var (key, failure) = await CheckCommonAsync(token, _channelKeys, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var serviceUrlClaim = token.Claim("serviceurl");
        if (string.IsNullOrEmpty(serviceUrlClaim) || !string.Equals(serviceUrlClaim, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Unauthorized("serviceurl claim does not match the activity.");
        }

        if (string.IsNullOrEmpty(activity.ChannelId) || !key!.Endorsements.Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Forbidden("Signing key is not endorsed for this channel.");
        }

        return new AuthenticationResult(AuthenticationStatus.Authenticated, AppId: _options.MicrosoftAppId);
    }

    private async Task<AuthenticationResult> ValidateAzureAdTokenAsync(JsonWebToken token, CancellationToken cancellationToken)
    {
        var (_, failure) = await CheckCommonAsync(token, _azureAdKeys, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var callerAppId = token.Claim("ver") == "2.0" ? token.Claim("azp") : token.Claim("appid");
        if (!string.Equals(callerAppId, _options.MicrosoftAppId, StringComparison.Ordinal))
        {
            return AuthenticationResult.Unauthorized("App id claim is not this bot's App ID.");
        }

        return new AuthenticationResult(AuthenticationStatus.Authenticated, AppId: callerAppId);
    }

    /// <summary>The checks both token kinds share: signing key, signature, audience and lifetime.</summary>
    private async Task<(SigningKey? Key, AuthenticationResult? Failure)> CheckCommonAsync(JsonWebToken token, SigningKeySet keys, CancellationToken cancellationToken)
    {
        if (token.KeyId is not { Length: > 0 } keyId)
        {
            return (null, AuthenticationResult.Unauthorized("Token names no signing key."));
        }

        var key = await keys.FindAsync(keyId, cancellationToken);
        if (key is null)
        {
            return (null, AuthenticationResult.Unauthorized("Unknown signing key."));
        }

        if (!token.HasValidSignature(key))
        {
            return (null, AuthenticationResult.Unauthorized("Bad signature."));
        }

        if (!_options.IsAuthenticationEnabled || !token.Audiences().Contains(_options.MicrosoftAppId, StringComparer.Ordinal))
        {
            return (null, AuthenticationResult.Unauthorized("Audience is not this bot."));
        }

        var now = _clock.GetUtcNow();
        if (token.TimeClaim("exp") is not { } expires || now > expires + _options.ClockSkew)
        {
            return (null, AuthenticationResult.Unauthorized("Token expired."));
        }

        if (token.TimeClaim("nbf") is { } notBefore && now < notBefore - _options.ClockSkew)
        {
            return (null, AuthenticationResult.Unauthorized("Token not yet valid."));
        }

        return (key, null);
    }

    private bool IsAzureAdIssuer(string issuer)
    {
        foreach (var tenant in TrustedTenants())
        {
            if (issuer == $"https://sts.windows.net/{tenant}/" || issuer == $"https://login.microsoftonline.com/{tenant}/v2.0")
            {
                return true;
            }
        }

        return false;
    }

    private IEnumerable<string> TrustedTenants()
    {
        foreach (var tenant in _options.AzureAdTenantIds)
        {
            yield return tenant;
        }

        if (!string.IsNullOrWhiteSpace(_options.MicrosoftAppTenantId))
        {
            yield return _options.MicrosoftAppTenantId;
        }
    }
}
