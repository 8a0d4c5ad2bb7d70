using AssistantBot.BotFramework.Authentication;
using AssistantBot.BotFramework.Schema;
using AssistantBot.BotFramework.Storage;
using AssistantBot.BotFramework.Turns;
using AssistantBot.Conversations;
using AssistantBot.Storage.Sqlite;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AssistantBot.Tests.Conversations;

public sealed class ConversationTurnRunnerTests
{
    private readonly MemoryStorage _storage = new();

    [Fact]
    public async Task State_written_by_one_turn_is_read_by_the_next()
    {
        var runner = Runner(_storage);

        await runner.RunAsync(Turn("a1"), (t, _) => { t.Conversation.Greeted = true; return Task.CompletedTask; }, default);
        var seen = false;
        await runner.RunAsync(Turn("a2"), (t, _) => { seen = t.Conversation.Greeted; return Task.CompletedTask; }, default);

        Assert.True(seen);
    }

    [Fact]
    public async Task When_another_writer_saves_first_the_turn_runs_again_and_only_its_last_replies_are_kept()
    {
        var storage = new ConflictOnceStorage(_storage);
        var runner = Runner(storage);
        var turn = Turn("a1");
        var runs = 0;

        await runner.RunAsync(turn, (t, _) => { runs++; t.Reply($"run {runs}"); return Task.CompletedTask; }, default);

        Assert.Equal(2, runs);
        Assert.Equal("run 2", Assert.Single(turn.Outbox).Text);
    }

    [Fact]
    public async Task Conflicts_beyond_the_bound_fail_the_turn()
    {
        var runner = Runner(new AlwaysConflictStorage(_storage), maxAttempts: 3);
        var runs = 0;

        await Assert.ThrowsAsync<StorageConflictException>(() =>
            runner.RunAsync(Turn("a1"), (_, _) => { runs++; return Task.CompletedTask; }, default));

        Assert.Equal(3, runs);
    }

    [Fact]
    public async Task A_redelivered_activity_does_not_run_again()
    {
        var runner = Runner(_storage);
        var runs = 0;

        await runner.RunAsync(Turn("a1"), (_, _) => { runs++; return Task.CompletedTask; }, default);
        await runner.RunAsync(Turn("a1"), (_, _) => { runs++; return Task.CompletedTask; }, default);

        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_activity_run_once()
    {
        var runner = Runner(_storage);
        var runs = 0;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            runner.RunAsync(Turn("same"), (_, _) => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, default)));

        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task The_next_turn_takes_the_state_object_the_last_one_saved()
    {
        var runner = Runner(_storage);
        var seen = new List<ConversationData>();

        await runner.RunAsync(Turn("a1"), (t, _) => { seen.Add(t.Conversation); return Task.CompletedTask; }, default);
        await runner.RunAsync(Turn("a2"), (t, _) => { seen.Add(t.Conversation); return Task.CompletedTask; }, default);

        Assert.Same(seen[0], seen[1]);
    }

    [Fact]
    public async Task State_rewritten_elsewhere_under_the_same_ETag_is_read_from_the_store()
    {
        using var file = new SqliteTestDatabase();
        var storage = new SqliteStorage(file.Database, TimeProvider.System);
        var runner = Runner(storage);
        var key = StateKeys.Conversation(Turn("a1").Activity);
        await runner.RunAsync(Turn("a1"), (t, _) => { t.Conversation.Greeted = true; return Task.CompletedTask; }, default);
        var etag = (await storage.ReadAsync(key, default))!.ETag;

        // A reset and a new conversation under the same key, from another instance: versions start again at 1.
        await storage.DeleteAsync(key, default);
        Assert.Equal(etag, await storage.WriteAsync(key, StateJson.Serialize(new ConversationData()), null, default));

        bool? greeted = null;
        await runner.RunAsync(Turn("a2"), (t, _) => { greeted = t.Conversation.Greeted; return Task.CompletedTask; }, default);
        Assert.False(greeted);
    }

    [Fact]
    public async Task A_turn_that_failed_after_changing_the_state_leaves_nothing_of_it_for_the_next()
    {
        var runner = Runner(_storage);
        await runner.RunAsync(Turn("a1"), (_, _) => Task.CompletedTask, default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(Turn("a2"), (t, _) =>
        {
            t.Conversation.Greeted = true;
            throw new InvalidOperationException("the logic failed");
        }, default));

        bool? greeted = null;
        await runner.RunAsync(Turn("a3"), (t, _) => { greeted = t.Conversation.Greeted; return Task.CompletedTask; }, default);
        Assert.False(greeted);
    }

    private static ConversationTurnRunner Runner(IStorage storage, int maxAttempts = 5) =>
        new(storage, new ConversationReferences(storage), Options.Create(new ConversationOptions { MaxSaveAttempts = maxAttempts }),
            TimeProvider.System, NullLogger<ConversationTurnRunner>.Instance);

    private static TurnContext Turn(string id) => new(new Activity
    {
        Type = ActivityTypes.Message,
        Id = id,
        ChannelId = "test",
        ServiceUrl = "https://channel.invalid/",
        Conversation = new ConversationAccount { Id = "c1" },
        From = new ChannelAccount { Id = "u1" },
        Recipient = new ChannelAccount { Id = "b1" },
    }, AuthenticationResult.Anonymous);

    /// <summary>Lets the first conversation write lose a race: another writer bumps the item just before it.</summary>
    private sealed class ConflictOnceStorage(IStorage inner) : IStorage
    {
        private bool _conflicted;

        public Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

        public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> json, string? expectedETag, CancellationToken cancellationToken)
        {
            if (!_conflicted && key.StartsWith("conversation/", StringComparison.Ordinal))
            {
                _conflicted = true;
                await inner.WriteAsync(key, "{}"u8.ToArray(), "*", cancellationToken);
            }

            return await inner.WriteAsync(key, json, expectedETag, cancellationToken);
        }

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
    }

    private sealed class AlwaysConflictStorage(IStorage inner) : IStorage
    {
        public Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

        public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> json, string? expectedETag, CancellationToken cancellationToken) =>
            key.StartsWith("conversation/", StringComparison.Ordinal)
                ? throw new StorageConflictException(key)
                : inner.WriteAsync(key, json, expectedETag, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
    }
}
