using System.Text.Json;
using AssistantBot.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AssistantBot.EndToEnd.Tests;

/// <summary>
/// The chat page as a visitor uses it, in Debian's Chromium: Web Chat connects to the built-in Direct Line, the bot
/// greets first, a message is answered, and a reload shows the same conversation again.
/// </summary>
public sealed class ChatPageTests(KestrelAssistant assistant, ITestOutputHelper output) : IClassFixture<KestrelAssistant>
{
    private const string Disclaimer = "for education only, not a substitute for your care team";
    private const string ConversationKey = "assistantbot.conversation";

    [Fact]
    public async Task A_visitor_is_greeted_gets_an_answer_and_keeps_the_conversation_across_a_reload()
    {
        await using var chromium = await Chromium.LaunchAsync(output);
        var page = await chromium.NewPageAsync();
        var chat = new WebChatPage(page);

        await page.GotoAsync(assistant.BaseUrl + "/");

        await chat.WaitForBotMessagesAsync(1);
        await Assertions.Expect(chat.BotMessages.First).ToContainTextAsync(Disclaimer);
        await Assertions.Expect(chat.SuggestedAction("Patient Advocate")).ToBeVisibleAsync();
        var greeting = (await chat.BotMessages.First.InnerTextAsync()).Trim();
        var conversationId = await ConversationIdAsync(page);

        await chat.SendAsync("hello from the browser");

        await chat.WaitForAnswerAsync(userMessages: 1);
        await Assertions.Expect(chat.UserMessages.First).ToContainTextAsync("hello from the browser");
        await chat.WaitUntilSentAsync();

        await page.ReloadAsync();

        await Assertions.Expect(chat.UserMessages.First).ToContainTextAsync("hello from the browser");
        await chat.WaitForAnswerAsync(userMessages: 1);
        Assert.Equal(conversationId, await ConversationIdAsync(page));
        // Talk once more: the bot answers in order, so by this answer a greeting the reload wrongly asked for would be in.
        await chat.SendAsync("and after the reload");
        await chat.WaitForAnswerAsync(userMessages: 2);
        await chat.WaitUntilSentAsync();
        await Assertions.Expect(chat.BotMessages.First).ToHaveTextAsync(greeting);
        Assert.Equal(1, await chat.CountBotMessagesReadingAsync(greeting));

        Assert.True(chromium.Problems.Count == 0, "The page reported problems:\n" + string.Join('\n', chromium.Problems));
    }

    [Fact]
    public async Task A_saved_conversation_the_server_no_longer_accepts_gives_way_to_a_new_one()
    {
        await using var chromium = await Chromium.LaunchAsync(output);
        var page = await chromium.NewPageAsync();
        var chat = new WebChatPage(page);
        await page.GotoAsync(assistant.BaseUrl + "/");
        await chat.WaitForBotMessagesAsync(1);

        // As after the data directory was wiped or the secret changed: the tab holds a token nobody issued.
        var stale = JsonSerializer.Serialize(new { conversationId = "gone", token = "dlt1.e30.AAAA", userId = "dl_gone", expiresAt = 32503680000000 });
        await page.EvaluateAsync("([key, value]) => sessionStorage.setItem(key, value)", new[] { ConversationKey, stale });
        await page.ReloadAsync();

        await chat.WaitForBotMessagesAsync(1);
        await Assertions.Expect(chat.BotMessages.First).ToContainTextAsync(Disclaimer);
        Assert.NotEqual("gone", await ConversationIdAsync(page));
    }

    private static async Task<string> ConversationIdAsync(IPage page)
    {
        var saved = await page.EvaluateAsync<string?>($"() => sessionStorage.getItem('{ConversationKey}')");
        Assert.False(string.IsNullOrEmpty(saved), "The page keeps its conversation in sessionStorage");
        return JsonDocument.Parse(saved!).RootElement.GetProperty("conversationId").GetString()!;
    }
}
