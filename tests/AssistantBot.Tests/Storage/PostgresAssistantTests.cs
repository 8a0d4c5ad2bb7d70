using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using AssistantBot.BotFramework.Schema;
using AssistantBot.Cli;
using AssistantBot.DirectLine;
using AssistantBot.Handoff;
using AssistantBot.Staff;
using AssistantBot.Storage.Postgres;
using AssistantBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AssistantBot.Tests.Storage;

/// <summary>The whole assistant on PostgreSQL, alone and as two instances sharing one database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAssistantTests(PostgresServer server)
{
    private readonly string _connectionString = server.CreateDatabase(nameof(PostgresAssistantTests));

    [Fact]
    public async Task The_assistant_runs_on_PostgreSQL_with_nothing_written_to_SQLite()
    {
        using var factory = Instance();
        var flow = new TestFlow(factory.CreateClient());

        await flow.Join();
        flow.AssertReplyContains("for education only");
        await flow.Send("help");
        Assert.NotEmpty(flow.PendingReplies);

        var visitor = await DirectLineVisitor.StartAsync(factory);
        await visitor.SayAsync(factory, "help");
        var log = await visitor.WaitForBotReplyAsync(factory);
        Assert.Equal(log.Select(a => a.Id).Order(StringComparer.Ordinal), log.Select(a => a.Id));

        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, "assistantbot.db")));
        Assert.True(await CountAsync("SELECT count(*) FROM state_items") > 0);
        Assert.True(await CountAsync($"SELECT count(*) FROM dl_activities WHERE conversation_id = '{visitor.ConversationId}'") >= 2);
    }

    [Fact]
    public async Task A_stream_open_on_one_instance_receives_the_reply_to_a_message_posted_to_another()
    {
        using var a = Instance();
        using var b = Instance();
        var visitor = await DirectLineVisitor.StartAsync(a);
        using var socket = await visitor.OpenStreamAsync(a);

        await visitor.SayAsync(b, "help");

        var seen = new List<Activity>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!seen.Any(IsFromBot))
        {
            seen.AddRange(await ReceiveAsync(socket, timeout.Token)); // empty frames (keep-alives) add nothing
        }

        Assert.Equal("help", seen[0].Text);
        Assert.Equal(seen.Select(s => s.Id).Distinct(), seen.Select(s => s.Id));
        Assert.Equal(seen.Select(s => DirectLineIds.Watermark(s.Id!)).Order(), seen.Select(s => DirectLineIds.Watermark(s.Id!)));
    }

    [Fact]
    public async Task Data_protected_on_one_instance_is_read_on_another_and_a_staff_cookie_is_valid_on_both()
    {
        using var a = Instance();
        using var b = Instance();

        var secret = a.Services.GetRequiredService<HandoffProtector>().ProtectText("Pat Doe, 555 0100");
        Assert.Equal("Pat Doe, 555 0100", b.Services.GetRequiredService<HandoffProtector>().UnprotectText(secret));

        var email = await StaffSession.CreateAccountAsync(a, $"{Guid.NewGuid():N}@example.org", "Dana Smith", StaffRoles.Advocate);
        var cookies = new System.Net.CookieContainer();
        using var onA = a.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        using var onB = b.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        Assert.Equal(HttpStatusCode.Redirect, (await StaffSession.SubmitSignInAsync(onA, email, StaffSession.Password)).StatusCode);

        var me = await onB.GetFromJsonAsync<MeView>("/staff/api/me");

        Assert.Equal("Dana Smith", me!.Name);
    }

    [Fact]
    public async Task A_console_open_on_one_instance_hears_of_a_request_confirmed_on_another()
    {
        using var a = Instance();
        using var b = Instance();
        var email = await StaffSession.CreateAccountAsync(a, $"{Guid.NewGuid():N}@example.org", "Sam Lee", StaffRoles.Advocate);
        var staff = await StaffSession.SignInAsync(a, email);
        using var events = await staff.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/staff/api/events"), HttpCompletionOption.ResponseHeadersRead);
        using var console = new StreamReader(await events.Content.ReadAsStreamAsync());
        Assert.Equal(": connected", await console.ReadLineAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token));

        var flow = new TestFlow(b.CreateClient());
        await flow.Join();
        foreach (var answer in new[] { "Patient Advocate", "Pat Doe", "pat@example.org", "Morning", "Skip", IntakeText.ShareNo, IntakeText.SendRequest })
        {
            await flow.Send(answer);
        }

        var request = await b.Services.GetRequiredService<IHandoffStore>().FindLatestForConversationAsync("test", flow.ConversationId, default);
        Assert.Equal($"event: queue\ndata: {request!.Id}", await NextEventAsync(console));
        var queue = await staff.GetAsync<QueueView>("/staff/api/requests");
        Assert.Contains(queue.Requests, r => r.Id == request.Id);
    }

    [Fact]
    public async Task The_staff_tool_adds_an_account_to_PostgreSQL_and_its_host_closes_cleanly()
    {
        using var data = new TempDirectory();
        var email = $"{Guid.NewGuid():N}@example.org";

        using (var host = ToolHost.Build(
            ["--Storage:Provider=Postgres", $"--Storage:PostgresConnectionString={_connectionString}", $"--Storage:DataDirectory={data.Path}"],
            services => services.AddOptions<StaffOptions>().Services.AddSingleton(TimeProvider.System).AddSingleton<StaffAccounts>()))
        {
            var (added, problem) = await host.Services.GetRequiredService<StaffAccounts>().AddAsync(email, "Robin Roe", StaffRoles.Admin, StaffSession.Password, default);
            Assert.True(added, problem);
        }

        Assert.Equal("Robin Roe", (await new PostgresStaffStore(server.Database(nameof(PostgresAssistantTests))).FindByEmailAsync(email, default))!.DisplayName);
    }

    private AssistantFactory Instance() => new AssistantFactory().WithSettings(
        ("Storage:Provider", "Postgres"),
        ("Storage:PostgresConnectionString", _connectionString));

    private async Task<long> CountAsync(string sql)
    {
        await using var source = NpgsqlDataSource.Create(_connectionString);
        await using var command = source.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static bool IsFromBot(Activity activity) => activity.From?.Role == RoleTypes.Bot;

    private static async Task<string> NextEventAsync(StreamReader console)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await console.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                return $"{line}\n{await console.ReadLineAsync(timeout.Token)}";
            }
        }

        throw new InvalidOperationException("The event stream ended.");
    }

    private static async Task<IReadOnlyList<Activity>> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        using var frame = new MemoryStream();
        var buffer = new byte[8192];
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, cancellationToken);
            frame.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);

        return frame.Length == 0 ? [] : JsonSerializer.Deserialize<ActivitySet>(frame.ToArray(), DirectLineEndpoints.Json)!.Activities;
    }

    /// <summary>A web chat visitor: a token from the page's endpoint, then Direct Line REST calls to whichever instance.</summary>
    private sealed class DirectLineVisitor(string token, string conversationId, string streamUrl)
    {
        public string ConversationId { get; } = conversationId;

        public static async Task<DirectLineVisitor> StartAsync(AssistantFactory factory)
        {
            using var client = factory.CreateClient();
            var session = await (await client.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<JsonElement>();
            var token = session.GetProperty("token").GetString()!;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var started = await client.PostAsync("/v3/directline/conversations", null);
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            var conversation = await started.Content.ReadFromJsonAsync<JsonElement>();
            return new DirectLineVisitor(token, conversation.GetProperty("conversationId").GetString()!, conversation.GetProperty("streamUrl").GetString()!);
        }

        public async Task<WebSocket> OpenStreamAsync(AssistantFactory factory) =>
            await factory.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None);

        public async Task SayAsync(AssistantFactory factory, string text)
        {
            using var client = Client(factory);
            var activity = new Activity { Type = ActivityTypes.Message, Text = text, From = new ChannelAccount { Id = "ignored" } };
            var response = await client.PostAsync($"/v3/directline/conversations/{ConversationId}/activities",
                new ByteArrayContent(BotJson.SerializeToUtf8Bytes(activity)) { Headers = { ContentType = new("application/json") } });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        /// <summary>Polls the log until the bot has answered; returns the whole log.</summary>
        public async Task<IReadOnlyList<Activity>> WaitForBotReplyAsync(AssistantFactory factory)
        {
            using var client = Client(factory);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                var set = await client.GetFromJsonAsync<ActivitySet>($"/v3/directline/conversations/{ConversationId}/activities", DirectLineEndpoints.Json, timeout.Token);
                if (set!.Activities.Any(IsFromBot))
                {
                    return set.Activities;
                }

                await Task.Delay(50, timeout.Token);
            }
        }

        private HttpClient Client(AssistantFactory factory)
        {
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }
    }
}
