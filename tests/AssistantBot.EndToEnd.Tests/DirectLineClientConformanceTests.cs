using AssistantBot.EndToEnd.Tests.Infrastructure;

namespace AssistantBot.EndToEnd.Tests;

/// <summary>
/// Microsoft's own Direct Line client, botframework-directlinejs 0.15.8 (the one inside Web Chat), holds a conversation
/// with the built-in Direct Line over a real port: start with the page's token, join and greeting, message echo and
/// reply, token refresh, reconnect after a watermark, reload with the whole history. The steps are in
/// tests/directline-client/conformance.js; its transcript is the failure message.
/// </summary>
public sealed class DirectLineClientConformanceTests(KestrelAssistant assistant) : IClassFixture<KestrelAssistant>
{
    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task Botframework_directlinejs_holds_a_conversation(string transport)
    {
        var result = await DirectLineClientScript.RunAsync(assistant.BaseUrl, transport);

        Assert.True(result.Succeeded, $"botframework-directlinejs over {transport} failed (exit {result.ExitCode}):\n{result.Output}");
        Assert.Contains("steps passed", result.Output, StringComparison.Ordinal);
    }
}
