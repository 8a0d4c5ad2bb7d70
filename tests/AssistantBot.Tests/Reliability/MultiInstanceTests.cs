using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using AssistantBot.BotFramework.Schema;
using AssistantBot.BotFramework.Storage;
using AssistantBot.Conversations;
using AssistantBot.DirectLine;
using AssistantBot.Handoff;
using AssistantBot.Staff;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantBot.Tests.Reliability;

/// <summary>Two instances on one PostgreSQL database behave as one bot.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MultiInstanceTests(PostgresServer server) : IDisposable
{
    private readonly string _connectionString = server.CreateDatabase(nameof(MultiInstanceTests));
    private readonly List<AssistantFactory> _instances = [];

    [Fact]
    public async Task A_direct_line_conversation_alternating_between_instances_sees_every_activity_once_and_in_order()
    {
        var (a, b) = (Instance(), Instance());
        var visitor = await Visitor.StartAsync(a);

        for (var i = 0; i < 10; i++)
        {
            await visitor.SayAsync(i % 2 == 0 ? a : b, $"help {i}");
        }

        var fromA = await visitor.LogAsync(a);
        var fromB = await visitor.LogAsync(b);
        Assert.Equal(fromA.Select(x => x.Id), fromB.Select(x => x.Id));
        var watermarks = fromA.Select(x => DirectLineIds.Watermark(x.Id!)).ToList();
        Assert.Equal(Enumerable.Range(1, watermarks.Count).Select(w => (long)w), watermarks); // once each, in order, no gaps
        Assert.Equal(fromA.Select(x => x.Timestamp).Order(), fromA.Select(x => x.Timestamp));
        var userTexts = fromA.Where(x => x.From?.Role == RoleTypes.User && x.Type == ActivityTypes.Message).Select(x => x.Text).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"help {i}"), userTexts);
        // Each message is followed by the bot's answer to it before the next message.
        var roles = fromA.Where(x => x.Type == ActivityTypes.Message).Select(x => x.From?.Role).ToList();
        Assert.DoesNotContain(roles.Zip(roles.Skip(1)), pair => pair is (RoleTypes.User, RoleTypes.User));
    }

    [Fact]
    public async Task One_activity_delivered_to_both_instances_at_once_is_processed_once()
    {
        var (a, b) = (Instance(), Instance());
        var flow = new TestFlow(a.CreateClient());
        await flow.Join();
        var activity = flow.NewActivity(text: "What is hypercalcemia?");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Deliver(i % 2 == 0 ? a : b, activity)));

        Assert.Single(answers, replies => replies.Count > 0);
    }

    [Fact]
    public async Task The_same_activity_delivered_a_thousand_times_some_concurrently_is_processed_once()
    {
        var (a, b) = (Instance(), Instance());
        var flow = new TestFlow(a.CreateClient());
        var activity = flow.NewActivity(text: "Where does lung cancer spread?");
        var processed = 0;

        for (var wave = 0; wave < 20; wave++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Deliver(i % 2 == 0 ? a : b, activity)));
            processed += answers.Count(replies => replies.Count > 0);
        }

        Assert.Equal(1, processed);
    }

    [Fact]
    public async Task Ten_messages_at_once_on_one_conversation_lose_no_update_and_all_get_answers()
    {
        var (a, b) = (Instance(), Instance());
        var flow = new TestFlow(a.CreateClient());
        await flow.Join();
        var messages = Enumerable.Range(0, 10).Select(i => flow.NewActivity(text: "help")).ToList();

        var answers = await Task.WhenAll(messages.Select((m, i) => Deliver(i % 2 == 0 ? a : b, m)));

        Assert.All(answers, replies => Assert.Contains(replies, r => r.Text?.Contains("I can share published information", StringComparison.Ordinal) == true));
        var stored = await a.Services.GetRequiredService<IStorage>().ReadAsync(StateKeys.Conversation("test", flow.ConversationId), default);
        var data = StateJson.Deserialize<ConversationData>(stored!.Json);
        Assert.All(messages, m => Assert.True(data.HasProcessed(m.Id)));
        Assert.True(data.Greeted);
    }

    [Fact]
    public async Task A_staff_reply_sent_through_one_instance_reaches_a_visitor_connected_to_the_other()
    {
        var (a, b) = (Instance(), Instance());
        var email = await StaffSession.CreateAccountAsync(b, $"{Guid.NewGuid():N}@example.org", "Dana Smith", StaffRoles.Advocate);
        var staff = await StaffSession.SignInAsync(b, email);
        await b.Services.GetRequiredService<IStaffStore>().TouchAsync((await staff.GetAsync<MeView>("/staff/api/me")).Id, DateTimeOffset.UtcNow, default);
        var visitor = await Visitor.StartAsync(a);
        using var socket = await visitor.OpenStreamAsync(a);
        foreach (var text in new[] { "Patient Advocate", "Pat", "pat@example.org", "Morning", "Skip", IntakeText.ShareNo, IntakeText.SendRequest })
        {
            await visitor.SayAsync(a, text);
        }

        var request = await b.Services.GetRequiredService<IHandoffStore>().FindLatestForConversationAsync("directline", visitor.ConversationId, default);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/staff/api/requests/{request!.Id}/live/accept")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/staff/api/requests/{request.Id}/live/messages", new { text = "Hello from instance B" })).StatusCode);

        await ReceiveUntilAsync(socket, a => a.Text == "Dana: Hello from instance B");
    }

    public void Dispose()
    {
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }
    }

    private AssistantFactory Instance()
    {
        var instance = new AssistantFactory().WithSettings(("Storage:Provider", "Postgres"), ("Storage:PostgresConnectionString", _connectionString));
        _instances.Add(instance);
        return instance;
    }

    private static async Task<IReadOnlyList<Activity>> Deliver(AssistantFactory instance, Activity activity)
    {
        using var response = await instance.CreateClient().PostAsync("/api/messages",
            new ByteArrayContent(BotJson.SerializeToUtf8Bytes(activity)) { Headers = { ContentType = new("application/json") } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options))!.Activities;
    }

    private static async Task ReceiveUntilAsync(WebSocket socket, Func<Activity, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var frame = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, timeout.Token);
                frame.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);

            if (frame.Length > 0 && JsonSerializer.Deserialize<ActivitySet>(frame.ToArray(), DirectLineEndpoints.Json)!.Activities.Any(wanted))
            {
                return;
            }
        }
    }

    /// <summary>A web chat visitor whose Direct Line calls can go to any instance.</summary>
    private sealed class Visitor(string token, string conversationId, string streamUrl)
    {
        public string ConversationId { get; } = conversationId;

        public static async Task<Visitor> StartAsync(AssistantFactory instance)
        {
            var client = instance.CreateClient();
            var session = await (await client.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<JsonObject>();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)session!["token"]!);
            var started = await (await client.PostAsync("/v3/directline/conversations", null)).Content.ReadFromJsonAsync<JsonObject>();
            return new Visitor((string)session["token"]!, (string)started!["conversationId"]!, (string)started["streamUrl"]!);
        }

        public async Task<WebSocket> OpenStreamAsync(AssistantFactory instance) =>
            await instance.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None);

        public async Task SayAsync(AssistantFactory instance, string text)
        {
            var response = await Client(instance).PostAsync($"/v3/directline/conversations/{ConversationId}/activities",
                new ByteArrayContent(BotJson.SerializeToUtf8Bytes(new Activity { Type = ActivityTypes.Message, Text = text }))
                {
                    Headers = { ContentType = new("application/json") },
                });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        public async Task<List<Activity>> LogAsync(AssistantFactory instance)
        {
            var all = new List<Activity>();
            var watermark = string.Empty;
            while (true)
            {
                var set = await Client(instance).GetFromJsonAsync<ActivitySet>($"/v3/directline/conversations/{ConversationId}/activities?watermark={watermark}", DirectLineEndpoints.Json);
                if (set!.Activities.Count == 0)
                {
                    return all;
                }

                all.AddRange(set.Activities);
                watermark = set.Watermark!;
            }
        }

        private HttpClient Client(AssistantFactory instance)
        {
            var client = instance.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }
    }
}
