using System.Net.Http.Json;
using AssistantBot.BotFramework.Schema;
using AssistantBot.BotFramework.Storage;
using AssistantBot.Conversations;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantBot.Tests.Reliability;

/// <summary>The embedded default (one instance on SQLite) under redelivery and concurrent messages.</summary>
public sealed class SingleInstanceFaultTests : IClassFixture<AssistantFactory>
{
    private readonly AssistantFactory _factory;

    public SingleInstanceFaultTests(AssistantFactory factory) => _factory = factory;

    [Fact]
    public async Task The_same_activity_delivered_a_thousand_times_some_concurrently_is_processed_once()
    {
        var flow = new TestFlow(_factory.CreateClient());
        var activity = flow.NewActivity(text: "Where does lung cancer spread?");
        var processed = 0;

        for (var wave = 0; wave < 20; wave++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Deliver(activity)));
            processed += answers.Count(replies => replies.Count > 0);
        }

        Assert.Equal(1, processed);
    }

    [Fact]
    public async Task Ten_messages_at_once_on_one_conversation_lose_no_update()
    {
        var flow = new TestFlow(_factory.CreateClient());
        await flow.Join();
        var messages = Enumerable.Range(0, 10).Select(_ => flow.NewActivity(text: "help")).ToList();

        var answers = await Task.WhenAll(messages.Select(Deliver));

        Assert.All(answers, replies => Assert.NotEmpty(replies));
        var stored = await _factory.Services.GetRequiredService<IStorage>().ReadAsync(StateKeys.Conversation("test", flow.ConversationId), default);
        var data = StateJson.Deserialize<ConversationData>(stored!.Json);
        Assert.All(messages, m => Assert.True(data.HasProcessed(m.Id)));
    }

    private async Task<IReadOnlyList<Activity>> Deliver(Activity activity)
    {
        using var response = await _factory.CreateClient().PostAsync("/api/messages",
            new ByteArrayContent(BotJson.SerializeToUtf8Bytes(activity)) { Headers = { ContentType = new("application/json") } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options))!.Activities;
    }
}
