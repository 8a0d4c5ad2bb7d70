using System.ComponentModel.DataAnnotations;

namespace AssistantBot.BotFramework;

/// <summary>
/// Settings of the protocol layer. The three credentials use the names Azure Bot Service gives them
/// (<c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppTenantId</c>, at the root of configuration);
/// everything else lives under <c>BotFramework</c>. Every URL is a setting so tests can point them at their own keys.
/// </summary>
public sealed class BotFrameworkOptions
{
    public const string SectionName = "BotFramework";

    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>Without an App ID the bot runs in local mode: requests without an Authorization header are accepted.</summary>
    public bool IsAuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    [Required, Url]
    public string ChannelOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    [Required]
    public string ChannelIssuer { get; set; } = "https://api.botframework.com";

    [Required, Url]
    public string AzureAdOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration";

    /// <summary>Tenants whose Azure AD tokens (Emulator, skills) are accepted, besides the bot's own tenant.</summary>
    public List<string> AzureAdTenantIds { get; set; } = ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a"];

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long signing keys are trusted before they are fetched again (the spec asks for at least daily).</summary>
    public TimeSpan SigningKeyRefreshInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The least time between two fetches caused by a token signed with a key we do not know.</summary>
    public TimeSpan UnknownKeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Client-credentials endpoint; <c>{tenant}</c> becomes the tenant id, or <c>botframework.com</c> for a multi-tenant bot.</summary>
    [Required]
    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";

    [Required]
    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>
    /// Largest accepted request body. Activities are small JSON documents (attachments travel by URL), and the
    /// Bot Framework service itself refuses activities above 256 KB, so anything larger is answered 413.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>A turn still running after this long shows a typing indicator.</summary>
    public TimeSpan TypingDelay { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Typing indicators are repeated at this interval (the spec asks for one at most every 2 to 3 s).</summary>
    public TimeSpan TypingInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A channel POST is answered 200 after this long even if the turn is still running; the turn then finishes in the
    /// background and its replies go out through the Connector. Keeps every request well under the 15 s channel limit.
    /// </summary>
    public TimeSpan AcknowledgeAfter { get; set; } = TimeSpan.FromSeconds(8);

    [Range(1, 10)]
    public int ConnectorMaxAttempts { get; set; } = 4;

    public TimeSpan ConnectorBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest <c>Retry-After</c> honoured; a peer asking for longer is given up on.</summary>
    public TimeSpan ConnectorMaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    public string ResolveTokenEndpoint() =>
        TokenEndpoint.Replace("{tenant}", string.IsNullOrWhiteSpace(MicrosoftAppTenantId) ? "botframework.com" : MicrosoftAppTenantId, StringComparison.Ordinal);
}
