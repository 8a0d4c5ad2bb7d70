using System.ComponentModel.DataAnnotations;

namespace AssistantBot.DirectLine;

public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>
    /// The channel secret: it signs conversation tokens and lets a server (never a browser) call the Direct Line API
    /// directly. Several instances must share it. Left empty, the host generates one and keeps it in the data directory.
    /// </summary>
    [Required(ErrorMessage = "DirectLine:Secret is required (the host generates one when it is left empty).")]
    [MinLength(32, ErrorMessage = "DirectLine:Secret must be at least 32 characters.")]
    public string Secret { get; set; } = string.Empty;

    /// <summary>How long a conversation token is good for; Direct Line uses 30 minutes and clients refresh every 15.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The bot's account in Direct Line conversations.</summary>
    [Required]
    public string BotId { get; set; } = "assistantbot";

    [Required]
    public string BotName { get; set; } = "Assistant";

    /// <summary>Most activities returned by one GET of the activity log.</summary>
    [Range(1, 1000)]
    public int MaxActivitiesPerPage { get; set; } = 100;

    /// <summary>Largest accepted activity from a client; text travels inline, files are not accepted.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>An empty frame is sent on an idle WebSocket this often, so proxies do not close it.</summary>
    public TimeSpan StreamKeepAlive { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The POST of an activity is answered after this long even if the bot is still working on it.</summary>
    public TimeSpan AcknowledgeAfter { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Origins (scheme://host[:port]) of other sites allowed to open the stream from a browser.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
