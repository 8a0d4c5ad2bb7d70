using AssistantBot.Knowledge.Feedback;
using AssistantBot.Knowledge.Feedback.Sqlite;
using AssistantBot.Storage.Postgres;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Storage;

/// <summary>What every <see cref="IKnowledgeFeedbackStore"/> must do; each backend runs the same suite on an empty database.</summary>
public abstract class KnowledgeFeedbackStoreContractTests
{
    private static readonly DateTimeOffset Now = new(2025, 9, 10, 11, 12, 13, 789, TimeSpan.Zero);

    protected abstract IKnowledgeFeedbackStore Store { get; }

    [Fact]
    public async Task Unanswered_questions_come_back_newest_first_with_every_field()
    {
        await Store.RecordUnansweredAsync(new("older", "no-match", 0.125, "directline", Now.AddMinutes(-5)), default);
        await Store.RecordUnansweredAsync(new("newer", "low-confidence", 0.4375, null, Now), default);
        await Store.RecordUnansweredAsync(new("oldest", "no-match", 0, "msteams", Now.AddHours(-1)), default);

        var recent = await Store.RecentUnansweredAsync(2, default);

        Assert.Equal(
            [new UnansweredQuestion("newer", "low-confidence", 0.4375, null, Now), new UnansweredQuestion("older", "no-match", 0.125, "directline", Now.AddMinutes(-5))],
            recent);
    }

    [Fact]
    public async Task Answer_feedback_comes_back_newest_first_with_every_field()
    {
        await Store.RecordFeedbackAsync(new(true, "what is it", 42, "overview.md", "What it is", "directline", Now.AddSeconds(-1)), default);
        await Store.RecordFeedbackAsync(new(false, "how is it treated", 7, "treatment.md", "Options", null, Now), default);

        var recent = await Store.RecentFeedbackAsync(10, default);

        Assert.Equal(
            [new AnswerFeedback(false, "how is it treated", 7, "treatment.md", "Options", null, Now),
             new AnswerFeedback(true, "what is it", 42, "overview.md", "What it is", "directline", Now.AddSeconds(-1))],
            recent);
    }

    [Fact]
    public async Task Feedback_is_counted_per_passage_since_a_time_least_liked_first()
    {
        await Store.RecordFeedbackAsync(new(true, "q1", 1, "a.md", "Liked", "test", Now.AddMinutes(-3)), default);
        await Store.RecordFeedbackAsync(new(false, "q2", 2, "b.md", "Disliked", "test", Now.AddMinutes(-2)), default);
        await Store.RecordFeedbackAsync(new(false, "q3", 2, "b.md", "Disliked", "test", Now.AddMinutes(-1)), default);
        await Store.RecordFeedbackAsync(new(true, "q4", 2, "b.md", "Disliked", "test", Now), default);
        await Store.RecordFeedbackAsync(new(false, "too old", 1, "a.md", "Liked", "test", Now.AddDays(-10)), default);

        var counts = await Store.FeedbackCountsAsync(Now.AddDays(-1), default);

        Assert.Equal(
            [new PassageFeedbackCount("b.md", "Disliked", 1, 2, Now), new PassageFeedbackCount("a.md", "Liked", 1, 0, Now.AddMinutes(-3))],
            counts);
    }

    [Fact]
    public async Task Purging_deletes_what_is_older_than_the_cutoff_from_both_and_counts_it()
    {
        await Store.RecordUnansweredAsync(new("old question", "no-match", 0, "test", Now.AddDays(-100)), default);
        await Store.RecordUnansweredAsync(new("new question", "no-match", 0, "test", Now), default);
        await Store.RecordFeedbackAsync(new(true, "old", 1, "a.md", "h", "test", Now.AddDays(-100)), default);
        await Store.RecordFeedbackAsync(new(true, "new", 1, "a.md", "h", "test", Now.AddDays(-90)), default);

        Assert.Equal(2, await Store.PurgeAsync(Now.AddDays(-90), default));

        Assert.Equal(["new question"], (await Store.RecentUnansweredAsync(10, default)).Select(u => u.Question));
        Assert.Equal(["new"], (await Store.RecentFeedbackAsync(10, default)).Select(f => f.Question));
        Assert.Equal(0, await Store.PurgeAsync(Now.AddDays(-90), default));
    }
}

public sealed class SqliteKnowledgeFeedbackStoreContractTests : KnowledgeFeedbackStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _sqlite = new();

    public SqliteKnowledgeFeedbackStoreContractTests() => Store = new SqliteKnowledgeFeedbackStore(_sqlite.Database);

    protected override IKnowledgeFeedbackStore Store { get; }

    public void Dispose() => _sqlite.Dispose();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresKnowledgeFeedbackStoreContractTests(PostgresServer server) : KnowledgeFeedbackStoreContractTests
{
    // A database per test: the suite reads "the most recent" and purges, which needs no neighbours.
    protected override IKnowledgeFeedbackStore Store { get; } =
        new PostgresKnowledgeFeedbackStore(server.Database($"feedback_{Guid.NewGuid():N}"));
}
