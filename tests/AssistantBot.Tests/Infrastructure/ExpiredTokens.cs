using AssistantBot.DirectLine;
using Microsoft.Extensions.Options;

namespace AssistantBot.Tests.Infrastructure;

/// <summary>
/// Tokens the server itself would have issued an hour ago: signed with the test secret by a token service whose clock
/// runs an hour behind, so they are genuine but expired (no waiting for a real token to run out).
/// </summary>
public static class ExpiredTokens
{
    public static string For(string conversationId, string? userId)
    {
        var options = Options.Create(new DirectLineOptions { Secret = AssistantFactory.DirectLineSecret });
        return new DirectLineTokens(options, new ManualClock(DateTimeOffset.UtcNow.AddHours(-1))).Issue(conversationId, userId, out _);
    }
}
