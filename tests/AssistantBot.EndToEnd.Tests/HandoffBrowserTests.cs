using AssistantBot.EndToEnd.Tests.Infrastructure;
using AssistantBot.Handoff;
using AssistantBot.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AssistantBot.EndToEnd.Tests;

/// <summary>
/// The whole hand-off in Debian's Chromium: a visitor in the web chat asks for a Patient Advocate and completes the
/// intake; a staff member signed in to the console sees the request arrive, claims it, accepts the live chat and
/// replies; the reply appears in the visitor's chat; the visitor answers; staff resolve; the visitor is back with the bot.
/// </summary>
public sealed class HandoffBrowserTests(KestrelAssistant assistant, ITestOutputHelper output) : IClassFixture<KestrelAssistant>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_visitor_reaches_a_patient_advocate_live_and_comes_back_to_the_bot()
    {
        var accounts = assistant.Services.GetRequiredService<StaffAccounts>();
        Assert.True((await accounts.AddAsync("dana@example.org", "Dana Smith", StaffRoles.Advocate, Password, default)).Added);
        await using var chromium = await Chromium.LaunchAsync(output);

        // Staff first: an open console is what makes a live chat possible.
        var console = await chromium.NewPageAsync();
        await console.GotoAsync(assistant.BaseUrl + "/staff");
        await console.GetByLabel("E-mail").FillAsync("dana@example.org");
        await console.GetByLabel("Password").FillAsync(Password);
        await console.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(console.Locator("#me")).ToHaveTextAsync("Dana Smith (advocate)");

        // The visitor asks for a Patient Advocate and completes the intake, with markup in what they type.
        var visitor = await chromium.NewPageAsync();
        var chat = new WebChatPage(visitor);
        await visitor.GotoAsync(assistant.BaseUrl + "/");
        await chat.WaitForBotMessagesAsync(1);
        await chat.SuggestedAction("Patient Advocate").ClickAsync();
        await Assertions.Expect(chat.BotMessages.Last).ToContainTextAsync(IntakeText.AskName);
        await chat.SendAsync("Pat <b>Doe</b>");
        await Assertions.Expect(chat.BotMessages.Last).ToContainTextAsync(IntakeText.AskContact);
        await chat.SendAsync("pat@example.org");
        await chat.SuggestedAction("Morning").ClickAsync();
        await Assertions.Expect(chat.BotMessages.Last).ToContainTextAsync(IntakeText.AskTopic);
        await chat.SendAsync("<img src=x onerror=\"window.__pwned=1\"> my scan results");
        await chat.SuggestedAction(IntakeText.ShareYes).ClickAsync();
        await Assertions.Expect(chat.BotMessages.Last).ToContainTextAsync("Shall I send it?");
        await chat.SuggestedAction(IntakeText.SendRequest).ClickAsync();
        await Assertions.Expect(chat.Transcript).ToContainTextAsync("Your reference number is PA-");
        await Assertions.Expect(chat.BotMessages.Last).ToContainTextAsync("A patient advocate is online now");

        // The request appears in the console without a reload; contact details are shown as text.
        var row = console.Locator("#queue-rows tr").Filter(new() { HasText = "Waiting in chat" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.ClickAsync();
        await Assertions.Expect(console.Locator("#d-name")).ToHaveTextAsync("Pat <b>Doe</b>");
        await Assertions.Expect(console.Locator("#d-topic")).ToHaveTextAsync("<img src=x onerror=\"window.__pwned=1\"> my scan results");
        await Assertions.Expect(console.Locator("#d-transcript")).ToContainTextAsync("Patient Advocate");
        Assert.Equal(0, await console.Locator("#detail b, #detail img").CountAsync());

        await console.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
        await Assertions.Expect(console.Locator("#d-status")).ToContainTextAsync("Claimed by Dana Smith");
        await console.GetByRole(AriaRole.Button, new() { Name = "Accept live chat" }).ClickAsync();
        await Assertions.Expect(chat.BotMessages.Last).ToContainTextAsync("now chatting with Dana, a patient advocate."); // Web Chat typesets the apostrophe

        await console.Locator("#live-text").FillAsync("Hello Pat, this is Dana. How can I help?");
        await console.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(chat.BotMessages.Last).ToContainTextAsync("Dana: Hello Pat, this is Dana. How can I help?");

        await chat.SendAsync("Could you explain my scan results?");
        await Assertions.Expect(console.Locator("#live-messages")).ToContainTextAsync("Could you explain my scan results?");

        await console.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Assertions.Expect(chat.BotMessages.Last).ToContainTextAsync("Dana has left the chat");
        await Assertions.Expect(console.Locator("#d-status")).ToContainTextAsync("Resolved");

        await chat.SendAsync("help");
        await chat.WaitForAnswerAsync(userMessages: 9);
        await Assertions.Expect(chat.BotMessages.Last).Not.ToContainTextAsync("Dana");

        Assert.Null(await console.EvaluateAsync<int?>("() => window.__pwned"));
        Assert.Null(await visitor.EvaluateAsync<int?>("() => window.__pwned"));
        Assert.True(chromium.Problems.Count == 0, "The pages reported problems:\n" + string.Join('\n', chromium.Problems));
    }
}
