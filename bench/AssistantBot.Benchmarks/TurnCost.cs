using System.Diagnostics;
using System.Globalization;
using AssistantBot.BotFramework.Authentication;
using AssistantBot.BotFramework.Schema;
using AssistantBot.BotFramework.Turns;
using Activity = AssistantBot.BotFramework.Schema.Activity;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantBot.Benchmarks;

/// <summary>
/// What one turn costs without HTTP: the real services (SQLite state, knowledge, dialogs) driven through
/// <see cref="BotAdapter.RunTurnAsync"/> by concurrent workers, as <c>bench/load</c> drives <c>/api/messages</c>.
/// The process's CPU time per turn drifts far less on a shared machine than turns/s, so it is the figure to compare
/// builds by; the allocation per turn is exact.
/// </summary>
internal static class TurnCost
{
    private const int Conversations = 32;

    public static async Task RunAsync(int workers, TimeSpan warmUp, int rounds)
    {
        var data = Directory.CreateTempSubdirectory("assistantbot-turns-").FullName;
        var app = Hosting.Build(["--contentRoot=" + BenchHost.RepoRoot, "--Storage:DataDirectory=" + data, "--Logging:LogLevel:Default=Warning", "--urls=http://127.0.0.1:0"]);
        await app.StartAsync();
        try
        {
            var adapter = app.Services.GetRequiredService<BotAdapter>();
            var questions = File.ReadAllLines(Path.Combine(BenchHost.RepoRoot, "bench", "load", "questions.txt")).Where(l => l.Length > 0).ToArray();
            var driver = new Driver(adapter, questions, workers);

            // Long enough for tiered compilation to finish: measured turns must not pay for the JIT.
            var warming = Stopwatch.StartNew();
            while (warming.Elapsed < warmUp)
            {
                await driver.RunAsync(1_000);
            }

            Console.WriteLine($"{workers} workers, {Conversations} conversations, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}");
            for (var round = 0; round < rounds; round++)
            {
                var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes();
                var started = Stopwatch.GetTimestamp();
                var turns = await driver.RunAsync(10_000);
                var elapsed = Stopwatch.GetElapsedTime(started);
                process.Refresh();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"turns={turns} cpu_us_per_turn={(process.TotalProcessorTime - cpu).TotalMicroseconds / turns:0.0} allocated_bytes_per_turn={(GC.GetTotalAllocatedBytes() - allocated) / turns} turns_per_s={turns / elapsed.TotalSeconds:0}"));
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private sealed class Driver(BotAdapter adapter, string[] questions, int workers)
    {
        private long _sent;

        /// <summary>Runs <paramref name="perWorker"/> turns on each worker; every turn must produce a reply.</summary>
        public async Task<long> RunAsync(int perWorker)
        {
            await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(() => WorkAsync(worker, perWorker))));
            return (long)perWorker * workers;
        }

        private async Task WorkAsync(int worker, int turns)
        {
            for (var i = 0; i < turns; i++)
            {
                var n = Interlocked.Increment(ref _sent);
                var conversation = n % Conversations;
                var activity = new Activity
                {
                    Type = ActivityTypes.Message,
                    Id = $"turn-{n}",
                    ChannelId = "bench",
                    ServiceUrl = "https://bench.invalid/",
                    Conversation = new ConversationAccount { Id = $"bench-{worker}-{conversation}" },
                    From = new ChannelAccount { Id = $"user-{worker}-{conversation}", Role = RoleTypes.User },
                    Recipient = new ChannelAccount { Id = "bot" },
                    DeliveryMode = DeliveryModes.ExpectReplies,
                    Locale = "en-US",
                    Text = questions[n % questions.Length],
                };
                var replies = new ExpectRepliesSink();
                await adapter.RunTurnAsync(activity, AuthenticationResult.Anonymous, replies, CancellationToken.None);
                if (replies.Replies.Count == 0)
                {
                    throw new InvalidOperationException($"Turn {activity.Id} produced no reply.");
                }
            }
        }
    }
}
