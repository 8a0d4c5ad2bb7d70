using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AssistantBot.BotFramework.Authentication;

/// <summary>
/// Gets and caches the bot's outbound token by the client-credentials grant. Without credentials (local mode)
/// it returns null and outbound calls carry no Authorization header.
/// </summary>
public sealed class AppCredentialsTokenProvider(IHttpClientFactory httpClients, IOptions<BotFrameworkOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsAuthenticationEnabled || string.IsNullOrEmpty(settings.MicrosoftAppPassword))
        {
            return null;
        }

        if (_token is not null && clock.GetUtcNow() < _expiresAt - RefreshMargin)
        {
            return _token;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_token is not null && clock.GetUtcNow() < _expiresAt - RefreshMargin)
            {
                return _token;
            }

            using var request = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.MicrosoftAppId!,
                ["client_secret"] = settings.MicrosoftAppPassword,
                ["scope"] = settings.OAuthScope,
            });
            using var http = httpClients.CreateClient(nameof(AppCredentialsTokenProvider));
            using var response = await http.PostAsync(settings.ResolveTokenEndpoint(), request, cancellationToken);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            var token = json.RootElement.GetStringOrNull("access_token")
                ?? throw new InvalidOperationException("The token endpoint answered without an access_token.");
            var lifetime = json.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 3600;
            _token = token;
            _expiresAt = clock.GetUtcNow().AddSeconds(lifetime);
            return token;
        }
        finally
        {
            _lock.Release();
        }
    }
}
