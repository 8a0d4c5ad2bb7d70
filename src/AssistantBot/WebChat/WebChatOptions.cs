using System.ComponentModel.DataAnnotations;

namespace AssistantBot.WebChat;

public sealed class WebChatOptions
{
    public const string SectionName = "WebChat";

    /// <summary>
    /// Other sites (scheme://host[:port]) that may embed the chat: frame it (the embed snippet), call the token
    /// endpoint and Direct Line from their pages (CORS), and open the stream (WebSocket origin check).
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Conversations a single client address may start per minute through the page's token endpoint.</summary>
    [Range(1, 10_000)]
    public int TokensPerMinutePerClient { get; set; } = 30;
}
