using Microsoft.Playwright;

namespace AssistantBot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What a visitor sees of Web Chat (botframework-webchat 4.18) inside the page's <c>#webchat</c> element, found by
/// Web Chat's own class names and accessible roles, so the page's banner text never counts as a message.
/// </summary>
public sealed class WebChatPage(IPage page)
{
    public ILocator Transcript => page.Locator("#webchat .webchat__basic-transcript");

    /// <summary>Every message bubble, the bot's and the user's, in transcript order.</summary>
    public ILocator Bubbles => Transcript.Locator(".webchat__bubble");

    public ILocator BotMessages => Transcript.Locator(".webchat__bubble:not(.webchat__bubble--from-user)");

    public ILocator UserMessages => Transcript.Locator(".webchat__bubble--from-user");

    /// <summary>Web Chat's "the bot is typing" animation, shown while typing activities keep arriving.</summary>
    public ILocator TypingIndicator => page.Locator("#webchat .webchat__typing-indicator");

    public ILocator SendBox => page.Locator("#webchat [data-id='webchat-sendbox-input']");

    public ILocator SuggestedAction(string title) =>
        page.Locator("#webchat .webchat__suggested-actions").GetByRole(AriaRole.Button, new() { Name = title });

    public async Task WaitForBotMessagesAsync(int count)
    {
        // At least this many: the count is then checked exactly by the test where it matters.
        await Assertions.Expect(BotMessages.Nth(count - 1)).ToBeVisibleAsync();
    }

    /// <summary>
    /// Waits for the bot to answer the user's latest message: the user's bubbles number <paramref name="userMessages"/>
    /// and the transcript ends with the bot. However many messages the answer has, this does not count them.
    /// </summary>
    public async Task WaitForAnswerAsync(int userMessages)
    {
        await Assertions.Expect(UserMessages).ToHaveCountAsync(userMessages);
        await Assertions.Expect(Bubbles.Last).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("webchat__bubble--from-user"));
    }

    /// <summary>How many of the bot's bubbles read exactly <paramref name="text"/> (as rendered).</summary>
    public Task<int> CountBotMessagesReadingAsync(string text) =>
        BotMessages.EvaluateAllAsync<int>("(bubbles, text) => bubbles.filter(b => b.innerText.trim() === text).length", text);

    public async Task SendAsync(string text)
    {
        await SendBox.FillAsync(text);
        await SendBox.PressAsync("Enter");
    }

    /// <summary>
    /// Web Chat marks a message sent only when the channel echoes it back with its clientActivityID and an id; until
    /// then it says "Sending", and after its timeout "Send failed".
    /// </summary>
    public async Task WaitUntilSentAsync()
    {
        await Assertions.Expect(page.Locator("#webchat").GetByText("Sending", new() { Exact = false })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#webchat").GetByText("Send failed", new() { Exact = false })).ToHaveCountAsync(0);
    }
}
