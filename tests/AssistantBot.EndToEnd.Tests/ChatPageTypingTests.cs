using AssistantBot.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AssistantBot.EndToEnd.Tests;

/// <summary>While the bot works on an answer, the page shows Web Chat's typing indicator, fed by the bot's typing activities over the stream.</summary>
public sealed class ChatPageTypingTests(HeldAssistantServer server, ITestOutputHelper output) : IClassFixture<HeldAssistantServer>
{
    [Fact]
    public async Task A_slow_answer_shows_the_typing_indicator_until_the_answer_arrives()
    {
        await using var chromium = await Chromium.LaunchAsync(output);
        var page = await chromium.NewPageAsync();
        var chat = new WebChatPage(page);
        await page.GotoAsync(server.BaseUrl + "/");
        await chat.WaitForBotMessagesAsync(1);

        await chat.SendAsync("a question that takes a while");

        await Assertions.Expect(chat.TypingIndicator).ToBeVisibleAsync();
        server.Assistant.Release();
        await Assertions.Expect(chat.BotMessages.Filter(new() { HasText = HeldAssistant.Answer })).ToBeVisibleAsync();
        await Assertions.Expect(chat.TypingIndicator).ToBeHiddenAsync();
        await chat.WaitUntilSentAsync();
        Assert.True(chromium.Problems.Count == 0, "The page reported problems:\n" + string.Join('\n', chromium.Problems));
    }
}
