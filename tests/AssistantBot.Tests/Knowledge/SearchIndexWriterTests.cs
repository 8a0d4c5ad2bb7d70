using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Corpus;
using AssistantBot.Knowledge.Index;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace AssistantBot.Tests.Knowledge;

public sealed class SearchIndexWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "writer-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void FTS5_holds_up_to_8_MiB_of_new_terms_before_writing_a_segment()
    {
        var path = Build("default.db", SearchIndexWriter.HashBytes);

        Assert.Equal(8L * 1024 * 1024, Scalar(path, "SELECT v FROM passage_index_config WHERE k = 'hashsize'"));
    }

    [Fact]
    public void The_memory_FTS5_writes_from_changes_no_search_result_or_score()
    {
        // 1 KiB: FTS5 writes a segment every few passages; 8 MiB: one segment for this corpus.
        var small = Build("small.db", 1024);
        var large = Build("large.db", SearchIndexWriter.HashBytes);

        foreach (var query in new[] { "lung", "cancer", "stage4", "bone OR brain", "surviv AND chemotherapi", "heading:symptom", "\"lung cancer\"" })
        {
            Assert.Equal(Ranked(small, query), Ranked(large, query));
        }

        Assert.NotEmpty(Ranked(large, "lung"));
    }

    private string Build(string name, int hashBytes)
    {
        var path = Path.Combine(_directory, name);
        var analyzer = new TextAnalyzer(AnalysisResources.Load(RepoPaths.Corpus), Lexicon.Empty);
        var rules = IngestionRules.Load(RepoPaths.Corpus);
        using var writer = new SearchIndexWriter(path, hashBytes);
        foreach (var document in CorpusReader.ReadDocuments(RepoPaths.Corpus))
        {
            var id = writer.AddDocument(document);
            var cleaned = PageCleaner.Clean(document.Body, rules);
            var abbreviations = Abbreviations.Find(cleaned);
            writer.AddPassages(PassageSplitter.Split(cleaned, document.Title).Select(p => (id, p, PassageAnalysis.Of(analyzer, p, abbreviations))).ToList());
        }

        writer.Complete("test");
        return path;
    }

    private static List<(long, double)> Ranked(string path, string query)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT rowid, bm25(passage_index, 2.0, 1.0) AS score FROM passage_index WHERE passage_index MATCH $q ORDER BY score, rowid";
        command.Parameters.AddWithValue("$q", query);
        using var reader = command.ExecuteReader();
        var rows = new List<(long, double)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetDouble(1)));
        }

        return rows;
    }

    private static long Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
