using AssistantBot.Knowledge.Feedback;
using AssistantBot.Knowledge.Feedback.Sqlite;
using AssistantBot.Storage.Sqlite;
using AssistantBot.Tests.Handoff;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Knowledge;

/// <summary>What content editors see (<c>unanswered</c>), and question text deleted at start-up once past retention.</summary>
[Collection(nameof(ConsoleRedirection))]
public sealed class FeedbackForEditorsTests : IDisposable
{
    private readonly TempDirectory _data = new();

    private SqliteKnowledgeFeedbackStore Store() => new(new SqliteDatabase(Path.Combine(_data.Path, "assistantbot.db")));

    [Fact]
    public async Task Unanswered_lists_recent_questions_and_feedback_counts_per_passage_but_nothing_past_retention()
    {
        var store = Store();
        var now = DateTimeOffset.UtcNow;
        await store.RecordUnansweredAsync(new("What are your visiting hours?", "no-match", 0.1, "webchat", now.AddMinutes(-5)), default);
        await store.RecordUnansweredAsync(new("an old question", "no-match", 0.1, "webchat", now.AddDays(-40)), default);
        await store.RecordFeedbackAsync(new(false, "q1", 3, "a.txt", "Bone pain", "webchat", now.AddMinutes(-3)), default);
        await store.RecordFeedbackAsync(new(false, "q2", 3, "a.txt", "Bone pain", "webchat", now.AddMinutes(-2)), default);
        await store.RecordFeedbackAsync(new(true, "q3", 4, "b.txt", "Survival", "webchat", now.AddMinutes(-1)), default);

        var (exit, output) = await RunAsync("unanswered", "--Knowledge:RetentionDays=30");

        Assert.Equal(0, exit);
        Assert.Contains("What are your visiting hours?", output);
        Assert.DoesNotContain("an old question", output);
        var lines = output.Split('\n');
        var bonePain = Array.FindIndex(lines, l => l.Contains("a.txt [Bone pain]"));
        var survival = Array.FindIndex(lines, l => l.Contains("b.txt [Survival]"));
        Assert.True(bonePain >= 0 && survival > bonePain, output); // the least liked first
        Assert.Matches(@"^\s+2\s+0\s+a\.txt \[Bone pain\]", lines[bonePain]);
        Assert.DoesNotContain(await Store().RecentUnansweredAsync(10, default), q => q.Question == "an old question");
    }

    [Fact]
    public async Task Question_text_past_retention_is_deleted_when_the_host_starts()
    {
        var store = Store();
        await store.RecordUnansweredAsync(new("a question from long ago", "no-match", 0, "webchat", DateTimeOffset.UtcNow.AddDays(-400)), default);
        await store.RecordFeedbackAsync(new(true, "old verdict", 1, "a.txt", "h", "webchat", DateTimeOffset.UtcNow.AddDays(-400)), default);

        using (var factory = new AssistantFactory().WithSettings(("Storage:DataDirectory", _data.Path)))
        {
            factory.CreateClient().Dispose(); // starts the host; nothing is asked, so nothing new is stored
        }

        Assert.Empty(await Store().RecentUnansweredAsync(10, default));
        Assert.Empty(await Store().RecentFeedbackAsync(10, default));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    private Task<(int Exit, string Output)> RunAsync(params string[] args) => ToolRunner.RunAsync(_data.Path, string.Empty, args);
}

public sealed class FeedbackRetentionTests
{
    [Fact]
    public async Task A_store_that_fails_at_start_up_does_not_stop_the_host()
    {
        var retention = new FeedbackRetention(new FailingStore(), Microsoft.Extensions.Options.Options.Create(new AssistantBot.Knowledge.KnowledgeOptions()),
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<FeedbackRetention>.Instance);

        await retention.StartAsync(CancellationToken.None); // throws if the failure escapes
    }

    private sealed class FailingStore : IKnowledgeFeedbackStore
    {
        public Task RecordUnansweredAsync(UnansweredQuestion question, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task RecordFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task<IReadOnlyList<UnansweredQuestion>> RecentUnansweredAsync(int limit, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task<IReadOnlyList<AnswerFeedback>> RecentFeedbackAsync(int limit, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task<IReadOnlyList<PassageFeedbackCount>> FeedbackCountsAsync(DateTimeOffset since, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => throw new TimeoutException("database down");
    }
}
