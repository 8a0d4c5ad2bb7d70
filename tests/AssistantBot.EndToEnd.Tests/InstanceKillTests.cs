using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AssistantBot.BotFramework.Schema;
using AssistantBot.EndToEnd.Tests.Infrastructure;
using AssistantBot.Handoff;
using AssistantBot.Tests.Infrastructure;
using Npgsql;

namespace AssistantBot.EndToEnd.Tests;

/// <summary>
/// Two instances on one PostgreSQL database, visitors' requests spread over both; one instance is killed (SIGKILL) in
/// the middle of conversations and intakes. No confirmed hand-off request is lost, and every conversation carries on
/// on the surviving instance from where it was.
/// </summary>
public sealed partial class InstanceKillTests : IDisposable
{
    private const int Visitors = 6;
    private readonly PostgresServer _postgres = new();

    [Fact]
    public async Task Killing_one_of_two_instances_loses_no_confirmed_request_and_conversations_continue_on_the_other()
    {
        using var dataA = new TempDirectory();
        using var dataB = new TempDirectory();
        var connection = _postgres.CreateDatabase("kill");
        var settings = new Dictionary<string, string> { ["Storage:Provider"] = "Postgres", ["Storage:PostgresConnectionString"] = connection };
        await using var a = await AssistantProcess.StartAsync(dataA.Path, settings);
        await using var b = await AssistantProcess.StartAsync(dataB.Path, settings);
        var clients = new[] { new HttpClient { BaseAddress = new Uri(a.BaseUrl) }, new HttpClient { BaseAddress = new Uri(b.BaseUrl) } };
        var intake = new[] { "Patient Advocate", "Pat Doe", "pat@example.org", "Morning", "Skip", IntakeText.ShareNo, IntakeText.SendRequest };
        var conversations = Enumerable.Range(0, Visitors).Select(i => $"kill-{i}-{Guid.NewGuid():N}").ToArray();
        var references = new string?[Visitors];

        // Visitors are at different points of the intake when A dies: some confirmed, some half-way.
        for (var step = 0; step < intake.Length; step++)
        {
            for (var v = 0; v < Visitors; v++)
            {
                if (step > v + 1)
                {
                    continue; // visitor v is only this far along
                }

                var replies = await SendAsync(clients[(step + v) % 2], conversations[v], $"s{step}", intake[step]);
                references[v] ??= Reference(replies);
            }
        }

        var confirmedBeforeKill = references.Where(r => r is not null).ToList();
        Assert.NotEmpty(confirmedBeforeKill);
        await a.KillAsync();

        // Everyone carries on with B only, where they left off.
        for (var v = 0; v < Visitors; v++)
        {
            for (var step = v + 2; step < intake.Length; step++)
            {
                var replies = await SendAsync(clients[1], conversations[v], $"s{step}", intake[step]);
                references[v] ??= Reference(replies);
            }

            Assert.NotNull(references[v]);
        }

        var stored = await StoredReferencesAsync(connection);
        Assert.All(references, r => Assert.Contains(r!, stored));
        Assert.Equal(Visitors, stored.Count);
    }

    public void Dispose() => _postgres.Dispose();

    private static async Task<IReadOnlyList<Activity>> SendAsync(HttpClient client, string conversation, string id, string text)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = id,
            Text = text,
            ChannelId = "emulator",
            ServiceUrl = "https://channel.invalid/",
            Conversation = new ConversationAccount { Id = conversation },
            From = new ChannelAccount { Id = "visitor-" + conversation },
            Recipient = new ChannelAccount { Id = "bot" },
            DeliveryMode = DeliveryModes.ExpectReplies,
        };
        using var response = await client.PostAsync("/api/messages", new ByteArrayContent(BotJson.SerializeToUtf8Bytes(activity)) { Headers = { ContentType = new("application/json") } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options))!.Activities;
    }

    /// <summary>The reference number of a confirmation among the replies, if the turn confirmed a request.</summary>
    private static string? Reference(IReadOnlyList<Activity> replies) =>
        replies.Where(r => r.Text?.Contains("Your reference number is", StringComparison.Ordinal) == true)
            .Select(r => ReferencePattern().Match(r.Text!).Value)
            .FirstOrDefault();

    private static async Task<HashSet<string>> StoredReferencesAsync(string connection)
    {
        await using var source = NpgsqlDataSource.Create(connection);
        await using var command = source.CreateCommand("SELECT reference FROM handoff_requests");
        await using var reader = await command.ExecuteReaderAsync();
        var references = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            references.Add(reader.GetString(0));
        }

        return references;
    }

    [GeneratedRegex("PA-[A-Z0-9]{6}")]
    private static partial Regex ReferencePattern();
}
