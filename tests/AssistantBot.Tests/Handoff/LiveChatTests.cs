using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AssistantBot.BotFramework.Schema;
using AssistantBot.DirectLine;
using AssistantBot.Handoff;
using AssistantBot.Staff;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantBot.Tests.Handoff;

/// <summary>A web chat visitor (through the built-in Direct Line) and a staff member in the console, live.</summary>
public sealed class LiveChatTests : IClassFixture<AssistantFactory>
{
    private readonly AssistantFactory _factory;

    public LiveChatTests(AssistantFactory factory) => _factory = factory;

    [Fact]
    public async Task A_visitor_completes_the_intake_in_web_chat_and_talks_with_an_advocate_until_the_request_is_resolved()
    {
        var staff = await SignInAsync("Dana Smith");
        using var console = await OpenEventsAsync(staff);
        var visitor = await VisitorAsync();

        foreach (var text in new[] { "Patient Advocate", "Pat Doe", "pat@example.org", "Morning", "Skip", IntakeText.ShareYes, IntakeText.SendRequest })
        {
            await visitor.SayAsync(text);
        }

        var waiting = await visitor.WaitForAsync("is online now");
        Assert.Contains("PA-", (await visitor.WaitForAsync("reference number")).Text);
        Assert.Equal("queue", await console.NextEventAsync());
        var request = await _factory.Services.GetRequiredService<IHandoffStore>().FindLatestForConversationAsync("directline", visitor.ConversationId, default);
        Assert.Equal(LiveChatState.Waiting, request!.LiveState);
        var view = await staff.GetAsync<RequestView>($"/staff/api/requests/{request.Id}");
        Assert.True(view.TranscriptConsent);
        Assert.Contains(view.Transcript!, l => l.From == "Visitor" && l.Text == "Patient Advocate");

        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/staff/api/requests/{request.Id}/live/accept")).StatusCode);
        await visitor.WaitForAsync("You're now chatting with Dana, a patient advocate.");

        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/staff/api/requests/{request.Id}/live/messages", new { text = "Hello Pat, how can I help?" })).StatusCode);
        var fromStaff = await visitor.WaitForAsync("Dana: Hello Pat, how can I help?");
        Assert.Equal("plain", fromStaff.TextFormat);

        var before = visitor.Seen.Count;
        await visitor.SayAsync("I have a question about my scan");
        view = await staff.GetAsync<RequestView>($"/staff/api/requests/{request.Id}");
        Assert.Contains(view.Messages, m => m.Sender == "Visitor" && m.Text == "I have a question about my scan");
        Assert.Contains(view.Messages, m => m.Sender == "Staff" && m.By == "Dana Smith");
        await visitor.RefreshAsync();
        Assert.DoesNotContain(visitor.Seen.Skip(before), a => a.From?.Role == RoleTypes.Bot); // the bot stays quiet

        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/staff/api/requests/{request.Id}/resolve")).StatusCode);
        await visitor.WaitForAsync("Dana has left the chat");
        await visitor.SayAsync("help");
        await visitor.WaitForAsync("I can share published information", after: before);
        Assert.Equal(HandoffStatus.Resolved, (await _factory.Services.GetRequiredService<IHandoffStore>().FindAsync(request.Id, default))!.Status);
    }

    [Fact]
    public async Task Staff_cannot_write_to_a_visitor_they_are_not_connected_with()
    {
        var staff = await SignInAsync("Sam Lee");
        var visitor = await VisitorAsync();
        foreach (var text in new[] { "Patient Advocate", "Pat", "pat@example.org", "Morning", "Skip", IntakeText.ShareNo, IntakeText.SendRequest })
        {
            await visitor.SayAsync(text);
        }

        var request = await _factory.Services.GetRequiredService<IHandoffStore>().FindLatestForConversationAsync("directline", visitor.ConversationId, default);

        var response = await staff.PostAsync($"/staff/api/requests/{request!.Id}/live/messages", new { text = "hi" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task An_offer_nobody_accepts_tells_the_visitor_the_request_is_queued()
    {
        using var factory = new AssistantFactory().WithSettings(("Handoff:LiveAcceptWindow", "00:00:01"), ("Handoff:Webhook:PollInterval", "00:00:00.200"));
        var email = await StaffSession.CreateAccountAsync(factory, "present@example.org", "Present Person", StaffRoles.Advocate);
        var staff = await StaffSession.SignInAsync(factory, email);
        using var console = await OpenEventsAsync(staff);
        var visitor = await VisitorAsync(factory);
        foreach (var text in new[] { "Patient Advocate", "Pat", "pat@example.org", "Morning", "Skip", IntakeText.ShareNo, IntakeText.SendRequest })
        {
            await visitor.SayAsync(text);
        }

        await visitor.WaitForAsync("is online now");
        await visitor.WaitForAsync("No patient advocate was free to chat just now");
    }

    private async Task<StaffSession> SignInAsync(string name)
    {
        var email = await StaffSession.CreateAccountAsync(_factory, $"{Guid.NewGuid():N}@example.org", name, StaffRoles.Advocate);
        return await StaffSession.SignInAsync(_factory, email);
    }

    private Task<Visitor> VisitorAsync() => VisitorAsync(_factory);

    private static async Task<Visitor> VisitorAsync(AssistantFactory factory)
    {
        var client = factory.CreateClient();
        var session = await (await client.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("token").GetString());
        var conversationId = session.GetProperty("conversationId").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/v3/directline/conversations", null)).StatusCode);
        var visitor = new Visitor(client, conversationId);
        await visitor.PostAsync(new Activity { Type = ActivityTypes.Event, Name = "webchat/join", From = new ChannelAccount { Id = "ignored" } });
        return visitor;
    }

    private static async Task<ConsoleEvents> OpenEventsAsync(StaffSession staff)
    {
        var response = await staff.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/staff/api/events"), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(": connected", await reader.ReadLineAsync());
        return new ConsoleEvents(response, reader);
    }

    private sealed class ConsoleEvents(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public async Task<string> NextEventAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    return line["event: ".Length..];
                }
            }

            throw new InvalidOperationException("The event stream ended.");
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }

    /// <summary>A web chat visitor speaking Direct Line over REST, polling the activity log.</summary>
    private sealed class Visitor(HttpClient client, string conversationId)
    {
        private string _watermark = string.Empty;

        public string ConversationId { get; } = conversationId;

        public List<Activity> Seen { get; } = [];

        public Task SayAsync(string text) => PostAsync(new Activity { Type = ActivityTypes.Message, Text = text, From = new ChannelAccount { Id = "ignored" } });

        public async Task PostAsync(Activity activity)
        {
            var response = await client.PostAsync($"/v3/directline/conversations/{ConversationId}/activities",
                new ByteArrayContent(BotJson.SerializeToUtf8Bytes(activity)) { Headers = { ContentType = new("application/json") } });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        public async Task RefreshAsync()
        {
            var set = await client.GetFromJsonAsync<ActivitySet>($"/v3/directline/conversations/{ConversationId}/activities?watermark={_watermark}", DirectLineEndpoints.Json);
            Seen.AddRange(set!.Activities);
            _watermark = set.Watermark ?? _watermark;
        }

        public async Task<Activity> WaitForAsync(string fragment, int after = 0)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                await RefreshAsync();
                var found = Seen.Skip(after).FirstOrDefault(a => a.From?.Role != RoleTypes.User && a.Text?.Contains(fragment, StringComparison.Ordinal) == true);
                if (found is not null)
                {
                    return found;
                }

                await Task.Delay(50, timeout.Token);
            }
        }
    }
}
