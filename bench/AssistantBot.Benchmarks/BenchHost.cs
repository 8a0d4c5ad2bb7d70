using AssistantBot.Knowledge;
using AssistantBot.Knowledge.Answering;
using AssistantBot.Knowledge.Evaluation;
using AssistantBot.Storage;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace AssistantBot.Benchmarks;

/// <summary>The knowledge index and search on a temporary data directory, outside any web host.</summary>
public sealed class BenchHost : IDisposable
{
    private BenchHost(string corpus, string data)
    {
        DataDirectory = data;
        var options = new KnowledgeOptions { CorpusDirectory = corpus };
        Index = new KnowledgeIndex(Microsoft.Extensions.Options.Options.Create(options), new DataPaths(data, new StorageOptions { DataDirectory = "." }),
            new HostingEnvironment { ContentRootPath = RepoRoot }, NullLogger<KnowledgeIndex>.Instance);
        Search = new KnowledgeSearch(Index, Microsoft.Extensions.Options.Options.Create(options));
    }

    public static string RepoRoot { get; } = FindRoot();

    public string DataDirectory { get; }

    public KnowledgeIndex Index { get; }

    public KnowledgeSearch Search { get; }

    public static BenchHost ForRealCorpus()
    {
        var host = new BenchHost(Path.Combine(RepoRoot, "corpus"), TempDirectory());
        host.Index.RefreshAsync(rebuild: false, CancellationToken.None).GetAwaiter().GetResult();
        return host;
    }

    public static BenchHost Empty() => new(Path.Combine(RepoRoot, "corpus"), TempDirectory());

    public static string[] EvaluationQuestions() =>
        EvaluationSet.Load(Path.Combine(RepoRoot, "tests", "eval", "questions.yaml")).Questions.Select(q => q.Ask).ToArray();

    public void Dispose()
    {
        Index.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "assistantbot-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AssistantBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository.");
    }
}
