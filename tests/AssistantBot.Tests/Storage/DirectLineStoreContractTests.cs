using AssistantBot.BotFramework.Schema;
using AssistantBot.DirectLine;
using AssistantBot.Storage.Postgres;
using AssistantBot.Storage.Sqlite;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Storage;

/// <summary>What every <see cref="IDirectLineStore"/> must do; each backend runs the same suite.</summary>
public abstract class DirectLineStoreContractTests
{
    protected ManualClock Clock { get; } = new(new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero));

    protected abstract IDirectLineStore Store { get; }

    /// <summary>The same database as seen by another instance (or process): its own connections, its own writer.</summary>
    protected abstract IDirectLineStore OtherInstance { get; }

    [Fact]
    public async Task A_conversation_is_created_once_and_found_with_its_user()
    {
        var id = NewId();

        Assert.True(await Store.CreateConversationAsync(id, "user-7", default));
        Assert.False(await Store.CreateConversationAsync(id, "someone else", default));

        var found = await Store.FindConversationAsync(id, default);
        Assert.Equal("user-7", found!.UserId);
        Assert.Equal(Clock.GetUtcNow(), found.CreatedAt);
        Assert.Null(await Store.FindConversationAsync(NewId(), default));
    }

    [Fact]
    public async Task A_conversation_may_have_no_user()
    {
        var id = NewId();
        await Store.CreateConversationAsync(id, null, default);

        Assert.Null((await Store.FindConversationAsync(id, default))!.UserId);
    }

    [Fact]
    public async Task Appended_activities_are_numbered_from_one_and_read_back_in_order_with_their_content()
    {
        var id = await NewConversationAsync();

        var first = await Store.AppendAsync(id, Message("one"), default);
        var second = await Store.AppendAsync(id, Message("two"), default);

        Assert.Equal($"{id}|0000001", first.Id);
        Assert.Equal($"{id}|0000002", second.Id);
        var page = await Store.GetActivitiesAsync(id, 0, 100, default);
        Assert.Equal(2, page.Watermark);
        Assert.Equal(["one", "two"], page.Activities.Select(a => a.Text));
        Assert.Equal([first.Id, second.Id], page.Activities.Select(a => a.Id));
        Assert.Equal(first.Timestamp, page.Activities[0].Timestamp);
        Assert.Equal("user-1", page.Activities[0].From!.Id);
        Assert.Equal(RoleTypes.User, page.Activities[0].From!.Role);
    }

    [Fact]
    public async Task Reading_after_a_watermark_returns_only_newer_activities_a_page_at_a_time()
    {
        var id = await NewConversationAsync();
        foreach (var text in new[] { "a", "b", "c", "d", "e" })
        {
            await Store.AppendAsync(id, Message(text), default);
        }

        var page = await Store.GetActivitiesAsync(id, 1, 2, default);
        Assert.Equal(["b", "c"], page.Activities.Select(a => a.Text));
        Assert.Equal(3, page.Watermark);

        var rest = await Store.GetActivitiesAsync(id, page.Watermark, 100, default);
        Assert.Equal(["d", "e"], rest.Activities.Select(a => a.Text));

        var none = await Store.GetActivitiesAsync(id, 5, 100, default);
        Assert.Empty(none.Activities);
        Assert.Equal(5, none.Watermark);
    }

    [Fact]
    public async Task Conversations_have_separate_logs()
    {
        var one = await NewConversationAsync();
        var two = await NewConversationAsync();
        await Store.AppendAsync(one, Message("for one"), default);

        var appended = await Store.AppendAsync(two, Message("for two"), default);

        Assert.Equal($"{two}|0000001", appended.Id);
        Assert.Equal(["for one"], (await Store.GetActivitiesAsync(one, 0, 100, default)).Activities.Select(a => a.Text));
    }

    [Fact]
    public async Task Timestamps_never_go_backwards_even_when_the_clock_does()
    {
        var id = await NewConversationAsync();
        var first = await Store.AppendAsync(id, Message("first"), default);
        Clock.Advance(TimeSpan.FromHours(-1));

        var second = await Store.AppendAsync(id, Message("second"), default);
        var third = await Store.AppendAsync(id, Message("third"), default);

        Assert.True(second.Timestamp > first.Timestamp);
        Assert.True(third.Timestamp > second.Timestamp);
        var stored = (await Store.GetActivitiesAsync(id, 0, 100, default)).Activities;
        Assert.Equal([first.Timestamp, second.Timestamp, third.Timestamp], stored.Select(a => a.Timestamp));
    }

    [Fact]
    public async Task Appending_to_a_conversation_that_does_not_exist_fails()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.AppendAsync(NewId(), Message("lost"), default));
    }

    [Fact]
    public async Task Concurrent_appends_from_many_tasks_and_two_instances_store_every_activity_once_in_order()
    {
        const int Writers = 8;
        const int PerWriter = 15;
        var id = await NewConversationAsync();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var store = writer % 2 == 0 ? Store : OtherInstance;
            for (var n = 0; n < PerWriter; n++)
            {
                await store.AppendAsync(id, Message($"{writer}:{n}"), default);
            }
        })));

        var log = (await Store.GetActivitiesAsync(id, 0, 1000, default)).Activities;
        Assert.Equal(Enumerable.Range(1, Writers * PerWriter).Select(w => $"{id}|{w:D7}"), log.Select(a => a.Id));
        Assert.Equal(Writers * PerWriter, log.Select(a => a.Text).Distinct().Count());
        for (var i = 1; i < log.Count; i++)
        {
            Assert.True(log[i].Timestamp > log[i - 1].Timestamp, $"Timestamp of {log[i].Id} is not after the one before.");
        }

        // Each writer waited for its previous append, so its own messages must appear in the order it wrote them.
        foreach (var writer in Enumerable.Range(0, Writers))
        {
            var mine = log.Select(a => a.Text!).Where(t => t.StartsWith($"{writer}:", StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(0, PerWriter).Select(n => $"{writer}:{n}"), mine);
        }
    }

    private async Task<string> NewConversationAsync()
    {
        var id = NewId();
        Assert.True(await Store.CreateConversationAsync(id, "user-1", default));
        return id;
    }

    private static string NewId() => DirectLineIds.NewConversationId();

    private static Activity Message(string text) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        From = new ChannelAccount { Id = "user-1", Role = RoleTypes.User },
    };
}

public sealed class SqliteDirectLineStoreContractTests : DirectLineStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _sqlite = new();

    public SqliteDirectLineStoreContractTests()
    {
        Store = new SqliteDirectLineStore(_sqlite.Database, Clock);
        OtherInstance = new SqliteDirectLineStore(_sqlite.OpenAgain(), Clock);
    }

    protected override IDirectLineStore Store { get; }

    protected override IDirectLineStore OtherInstance { get; }

    public void Dispose() => _sqlite.Dispose();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDirectLineStoreContractTests : DirectLineStoreContractTests
{
    public PostgresDirectLineStoreContractTests(PostgresServer server)
    {
        Store = new PostgresDirectLineStore(server.Database(nameof(PostgresDirectLineStoreContractTests)), Clock);
        OtherInstance = new PostgresDirectLineStore(server.AnotherInstance(nameof(PostgresDirectLineStoreContractTests)), Clock);
    }

    protected override IDirectLineStore Store { get; }

    protected override IDirectLineStore OtherInstance { get; }
}
