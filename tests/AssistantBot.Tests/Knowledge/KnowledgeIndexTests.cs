using AssistantBot.Knowledge;
using AssistantBot.Knowledge.Feedback.Sqlite;
using AssistantBot.Storage.Sqlite;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Knowledge;

public sealed class KnowledgeIndexTests
{
    [Fact]
    public async Task An_unchanged_corpus_is_not_indexed_again()
    {
        using var corpus = CopyOfCorpus();
        using var knowledge = new KnowledgeFixture(corpus.Path);

        var (outcome, _) = await knowledge.Index.RefreshAsync(rebuild: false, CancellationToken.None);

        Assert.Equal(IndexRefresh.Unchanged, outcome);
    }

    [Fact]
    public async Task A_new_process_loads_the_index_file_of_the_same_corpus_instead_of_building()
    {
        using var corpus = CopyOfCorpus();
        using var first = new KnowledgeFixture(corpus.Path);
        var path = first.Index.Current!.Path;
        var written = File.GetLastWriteTimeUtc(path);

        using var second = new KnowledgeIndex(
            Microsoft.Extensions.Options.Options.Create(new KnowledgeOptions { CorpusDirectory = corpus.Path }),
            new AssistantBot.Storage.DataPaths(first.DataDirectory, new AssistantBot.Storage.StorageOptions { DataDirectory = "." }),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = RepoPaths.Root },
            Microsoft.Extensions.Logging.Abstractions.NullLogger<KnowledgeIndex>.Instance);
        var (outcome, _) = await second.RefreshAsync(rebuild: false, CancellationToken.None);

        Assert.Equal(IndexRefresh.Loaded, outcome);
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task A_changed_corpus_is_indexed_into_a_new_file_and_searches_in_flight_finish_on_the_old_one()
    {
        using var corpus = CopyOfCorpus();
        using var knowledge = new KnowledgeFixture(corpus.Path);
        var lease = knowledge.Index.Acquire();
        var oldPath = lease.Generation.Path;

        File.WriteAllText(Path.Combine(corpus.Path, "zebra-leaflet.txt"), "Zebra leaflet\n\nZebrafish studies of tumour growth are described here.\n");
        var (outcome, _) = await knowledge.Index.RefreshAsync(rebuild: false, CancellationToken.None);

        Assert.Equal(IndexRefresh.Built, outcome);
        Assert.NotEqual(oldPath, knowledge.Index.Current!.Path);
        Assert.NotNull(lease.Session.Passage(1)); // the old index still serves the search that held it
        Assert.True(File.Exists(oldPath));
        lease.Dispose();
        Assert.False(File.Exists(oldPath));
        Assert.Contains("Zebrafish", knowledge.Search.Ask("zebrafish tumour growth studies").Answer?.Text);
    }

    [Fact]
    public async Task A_broken_data_file_is_refused_with_its_line_and_the_previous_index_stays()
    {
        using var corpus = CopyOfCorpus();
        using var knowledge = new KnowledgeFixture(corpus.Path);
        var before = knowledge.Index.Current!.Path;

        File.AppendAllText(Path.Combine(corpus.Path, "synonyms.yaml"), "\nbroken: [x, [\n");
        var error = await Assert.ThrowsAsync<DataFileException>(() => knowledge.Index.RefreshAsync(rebuild: false, CancellationToken.None));

        Assert.EndsWith("synonyms.yaml", error.File);
        Assert.NotNull(error.Line);
        Assert.Equal(before, knowledge.Index.Current!.Path);
        Assert.True(knowledge.Search.Ask("What is hypercalcemia?").Answered);
    }

    [Fact]
    public async Task The_running_host_reindexes_when_a_corpus_file_changes()
    {
        using var corpus = CopyOfCorpus();
        using var factory = new AssistantFactory().WithSettings(("Knowledge:CorpusDirectory", corpus.Path), ("Knowledge:ReindexDelayMilliseconds", "100"));
        var flow = new TestFlow(factory.CreateClient());
        await flow.Send("hello");

        File.WriteAllText(Path.Combine(corpus.Path, "zebra-leaflet.md"), "---\ntitle: Zebra leaflet\n---\nZebrafish studies of tumour growth are described here.\n");

        // Wait for the watcher (bounded); this checks that it happens, not how fast.
        var answered = false;
        for (var attempt = 0; attempt < 100 && !answered; attempt++)
        {
            await Task.Delay(100);
            var replies = await flow.Send("zebrafish tumour growth studies");
            answered = replies.Any(r => r.Text?.Contains("Zebrafish studies", StringComparison.Ordinal) == true);
        }

        Assert.True(answered, "The new document was never answered from.");
    }

    [Fact]
    public async Task Unanswered_questions_and_feedback_are_kept_only_for_the_retention_period()
    {
        using var data = new TempDirectory();
        var store = new SqliteKnowledgeFeedbackStore(new SqliteDatabase(Path.Combine(data.Path, "test.db")));
        var now = DateTimeOffset.UtcNow;
        await store.RecordUnansweredAsync(new("old question", "no-match", 0, "test", now.AddDays(-100)), CancellationToken.None);
        await store.RecordUnansweredAsync(new("new question", "no-match", 0, "test", now), CancellationToken.None);
        await store.RecordFeedbackAsync(new(true, "old", 1, "a.txt", "h", "test", now.AddDays(-100)), CancellationToken.None);

        var purged = await store.PurgeAsync(now.AddDays(-90), CancellationToken.None);

        Assert.Equal(2, purged);
        Assert.Equal(["new question"], (await store.RecentUnansweredAsync(10, CancellationToken.None)).Select(u => u.Question));
        Assert.Empty(await store.RecentFeedbackAsync(10, CancellationToken.None));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static TempDirectory CopyOfCorpus()
    {
        var copy = new TempDirectory("assistantbot-corpus");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Corpus))
        {
            File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        }

        return copy;
    }
}
