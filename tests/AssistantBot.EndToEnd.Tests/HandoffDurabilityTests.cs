using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AssistantBot.BotFramework.Schema;
using AssistantBot.EndToEnd.Tests.Infrastructure;
using AssistantBot.Handoff;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.EndToEnd.Tests;

/// <summary>
/// A confirmed Patient Advocate request survives the process being killed (SIGKILL) the moment the visitor is told
/// about it: the request is committed before the reply is sent, so it is in the queue when the assistant comes back.
/// </summary>
public sealed partial class HandoffDurabilityTests
{
    [Fact]
    public async Task A_request_confirmed_just_before_a_kill_is_in_the_queue_after_restart()
    {
        using var data = new TempDirectory();
        string reference;
        await using (var first = await AssistantProcess.StartAsync(data.Path))
        {
            var http = new HttpClient { BaseAddress = new Uri(first.BaseUrl) };
            var conversation = "kill-" + Guid.NewGuid().ToString("N");
            var turn = 0;
            foreach (var text in new[] { "Patient Advocate", "Pat Doe", "pat@example.org", "Morning", "Skip", IntakeText.ShareNo })
            {
                await SendAsync(http, conversation, ++turn, text);
            }

            var confirmation = await SendAsync(http, conversation, ++turn, IntakeText.SendRequest);
            await first.KillAsync(); // the instant the visitor has been told

            reference = ReferencePattern().Match(string.Join(' ', confirmation.Select(a => a.Text))).Value;
            Assert.False(string.IsNullOrEmpty(reference), "The visitor was given a reference number.");
        }

        await using var second = await AssistantProcess.StartAsync(data.Path);
        var exit = await ProcessRunner.RunAsync("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "AssistantBot.dll"), "staff", "add", "--email", "dana@example.org", "--name", "Dana Smith",
             "--role", "advocate", $"--Storage:DataDirectory={data.Path}"],
            RepoPaths.Root, TimeSpan.FromSeconds(60), standardInput: StaffPassword + "\n");
        Assert.True(exit.Succeeded, exit.Output);
        var staff = await SignInAsync(second.BaseUrl, "dana@example.org");

        var queue = await staff.GetFromJsonAsync<System.Text.Json.JsonElement>("/staff/api/requests?status=New");

        Assert.Contains(queue.GetProperty("requests").EnumerateArray(), r => r.GetProperty("reference").GetString() == reference);
    }

    private const string StaffPassword = "correct horse battery staple";

    private static async Task<IReadOnlyList<Activity>> SendAsync(HttpClient http, string conversation, int turn, string text)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = $"t{turn}",
            Text = text,
            ChannelId = "emulator",
            ServiceUrl = "https://channel.invalid/",
            Conversation = new ConversationAccount { Id = conversation },
            From = new ChannelAccount { Id = "visitor" },
            Recipient = new ChannelAccount { Id = "bot" },
            DeliveryMode = DeliveryModes.ExpectReplies,
        };
        var response = await http.PostAsync("/api/messages", new ByteArrayContent(BotJson.SerializeToUtf8Bytes(activity)) { Headers = { ContentType = new("application/json") } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options))!.Activities;
    }

    private static async Task<HttpClient> SignInAsync(string baseUrl, string email)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(baseUrl) };
        var page = await http.GetStringAsync("/staff/signin");
        var token = TokenField().Match(page).Groups[1].Value;
        var response = await http.PostAsync("/staff/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["email"] = email,
            ["password"] = StaffPassword,
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return http;
    }

    [GeneratedRegex("PA-[A-Z0-9]{6}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
