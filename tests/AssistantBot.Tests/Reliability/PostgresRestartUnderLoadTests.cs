using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using AssistantBot.Assistant;
using AssistantBot.BotFramework.Schema;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Reliability;

/// <summary>
/// PostgreSQL restarted while visitors keep talking: turns during the outage get a polite "please try again" (never a
/// hang or a 500), other endpoints answer 503, and the instance recovers by itself when the server is back.
/// </summary>
public sealed class PostgresRestartUnderLoadTests : IDisposable
{
    private readonly PostgresServer _server = new();

    [Fact]
    public async Task Turns_during_an_outage_are_answered_politely_and_the_instance_recovers_by_itself()
    {
        using var factory = new AssistantFactory().WithSettings(("Storage:Provider", "Postgres"), ("Storage:PostgresConnectionString", _server.CreateDatabase("restart-load")));
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var apologies = 0;
        var answered = 0;
        using var stop = new CancellationTokenSource();
        var phase = "before";
        var answeredAfterRestart = 0;

        async Task VisitorAsync(int id)
        {
            var client = factory.CreateClient();
            client.Timeout = TimeSpan.FromSeconds(30); // a hang fails the test
            var flow = new TestFlow(client, $"load-{id}");
            while (!stop.IsCancellationRequested)
            {
                using var response = await client.PostAsync("/api/messages",
                    new ByteArrayContent(BotJson.SerializeToUtf8Bytes(flow.NewActivity(text: "What is hypercalcemia?"))) { Headers = { ContentType = new("application/json") } });
                statuses.Add(response.StatusCode);
                var replies = (await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options))!.Activities;
                if (replies.Any(r => r.Text == AssistantText.TryAgainLater))
                {
                    Interlocked.Increment(ref apologies);
                }
                else if (replies.Any(r => r.Text?.Contains("calcium", StringComparison.OrdinalIgnoreCase) == true))
                {
                    Interlocked.Increment(ref answered);
                    if (Volatile.Read(ref phase) == "after")
                    {
                        Interlocked.Increment(ref answeredAfterRestart);
                    }
                }

                await Task.Delay(20);
            }
        }

        var visitors = Enumerable.Range(0, 4).Select(VisitorAsync).ToList();
        await WaitUntilAsync(() => answered >= 20);

        _server.Stop();
        await WaitUntilAsync(() => apologies >= 4);
        var (console, directLine) = await OtherEndpointsAsync(factory);
        _server.Restart();
        Volatile.Write(ref phase, "after");
        await WaitUntilAsync(() => answeredAfterRestart >= 20);

        await stop.CancelAsync();
        await Task.WhenAll(visitors);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, console);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, directLine);
    }

    public void Dispose() => _server.Dispose();

    /// <summary>During the outage: the page's Direct Line and the console's sign-in page answer 503, not 500.</summary>
    private static async Task<(HttpStatusCode Console, HttpStatusCode DirectLine)> OtherEndpointsAsync(AssistantFactory factory)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var token = await (await client.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (string)token!["token"]!);
        var directLine = (await client.PostAsync("/v3/directline/conversations", null)).StatusCode;
        var signIn = await StaffSession.SubmitSignInAsync(factory.CreateClient(new() { AllowAutoRedirect = false }), "someone@example.org", "some password here");
        return (signIn.StatusCode, directLine);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
