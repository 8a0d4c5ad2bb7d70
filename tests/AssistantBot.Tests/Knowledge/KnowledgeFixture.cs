using AssistantBot.Knowledge;
using AssistantBot.Knowledge.Answering;
using AssistantBot.Storage;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AssistantBot.Tests.Knowledge;

/// <summary>The knowledge index and search over a corpus directory, without the web host, on a temporary data directory.</summary>
public sealed class KnowledgeFixture : IDisposable
{
    private readonly TempDirectory _data = new("assistantbot-knowledge");

    public KnowledgeFixture()
        : this(RepoPaths.Corpus)
    {
    }

    public KnowledgeFixture(string corpusDirectory, KnowledgeOptions? options = null)
    {
        Options = options ?? new KnowledgeOptions();
        Options.CorpusDirectory = corpusDirectory;
        var environment = new HostingEnvironment { ContentRootPath = RepoPaths.Root };
        Index = new KnowledgeIndex(Microsoft.Extensions.Options.Options.Create(Options), new DataPaths(_data.Path, new StorageOptions { DataDirectory = "." }), environment, NullLogger<KnowledgeIndex>.Instance);
        Index.RefreshAsync(rebuild: false, CancellationToken.None).GetAwaiter().GetResult();
        Search = new KnowledgeSearch(Index, Microsoft.Extensions.Options.Options.Create(Options));
    }

    public KnowledgeOptions Options { get; }

    public KnowledgeIndex Index { get; }

    public KnowledgeSearch Search { get; }

    public string DataDirectory => _data.Path;

    public void Dispose()
    {
        Index.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
