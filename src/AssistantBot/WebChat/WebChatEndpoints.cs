using System.Security.Cryptography;
using AssistantBot.DirectLine;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AssistantBot.WebChat;

/// <summary>
/// What the chat page needs from the server: a token for a new conversation. The Direct Line secret stays here;
/// the browser only ever holds a token good for its own conversation.
/// </summary>
public static class WebChatEndpoints
{
    public const string CorsPolicy = "WebChat";
    public const string TokenRateLimit = "WebChatToken";

    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/webchat/token", IssueToken)
            .RequireCors(CorsPolicy)
            .RequireRateLimiting(TokenRateLimit)
            .DisableAntiforgery();
        return endpoints;
    }

    private static JsonHttpResult<WebChatSession> IssueToken(DirectLineTokens tokens)
    {
        var conversationId = DirectLineIds.NewConversationId();
        var userId = "dl_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        var token = tokens.Issue(conversationId, userId, out var expiresIn);
        return TypedResults.Json(new WebChatSession(conversationId, token, expiresIn, userId));
    }
}

public sealed record WebChatSession(string ConversationId, string Token, int ExpiresIn, string UserId);
