using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Answering;
using AssistantBot.Knowledge.Corpus;
using AssistantBot.Knowledge.Index;
using AssistantBot.Storage;
using Microsoft.Extensions.Options;

namespace AssistantBot.Knowledge;

/// <summary>What a refresh did.</summary>
public enum IndexRefresh
{
    Unchanged,
    Loaded,
    Built,
}

/// <summary>
/// The current search index of the corpus. The index file is named after the corpus's content hash
/// (<c>data/search-&lt;hash&gt;.db</c>), so an unchanged corpus is never re-indexed, even across restarts. A changed corpus
/// is indexed into a new file beside the old one, then swapped in; searches already running finish on the old one.
/// </summary>
public sealed class KnowledgeIndex : IDisposable
{
    private const string FilePrefix = "search-";
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly DataPaths _paths;
    private readonly ILogger<KnowledgeIndex> _logger;
    private readonly Lazy<TextAnalyzer> _fallbackAnalyzer;
    private volatile IndexGeneration? _current;

    public KnowledgeIndex(IOptions<KnowledgeOptions> options, DataPaths paths, IHostEnvironment environment, ILogger<KnowledgeIndex> logger)
    {
        _paths = paths;
        _logger = logger;
        CorpusDirectory = options.Value.ResolveCorpusDirectory(environment.ContentRootPath);
        _fallbackAnalyzer = new(() => new TextAnalyzer(AnalysisResources.Load(CorpusDirectory), Lexicon.Empty));
    }

    public string CorpusDirectory { get; }

    public IndexGeneration? Current => _current;

    /// <summary>The current corpus's analyzer; before the first index is ready, one without a vocabulary.</summary>
    public TextAnalyzer Analyzer => _current?.Analyzer ?? _fallbackAnalyzer.Value;

    /// <summary>Holds the current index for one search. Throws when no index has been loaded yet.</summary>
    public IndexGeneration.Lease Acquire()
    {
        while (true)
        {
            var generation = _current ?? throw new InvalidOperationException("The knowledge index has not been loaded.");
            try
            {
                return generation.Acquire();
            }
            catch (ObjectDisposedException)
            {
                // Swapped out and closed between the read and the lease: take the new one.
            }
        }
    }

    /// <summary>Makes the index match the corpus: nothing if it does, the existing file if one matches, a build otherwise.</summary>
    public async Task<(IndexRefresh Outcome, IndexBuildReport? Report)> RefreshAsync(bool rebuild, CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var hash = CorpusReader.ContentHash(CorpusDirectory);
            if (!rebuild && _current?.ContentHash == hash)
            {
                return (IndexRefresh.Unchanged, null);
            }

            var path = _paths.File($"{FilePrefix}{hash[..16]}.db");
            var resources = AnalysisResources.Load(CorpusDirectory);
            QuestionData LoadQuestionData(TextAnalyzer analyzer) => QuestionData.Load(CorpusDirectory, analyzer);
            IndexBuildReport? report = null;
            var generation = rebuild ? null : IndexGeneration.Open(path, hash, resources, LoadQuestionData);
            if (generation is null)
            {
                report = await Task.Run(() => CorpusIndexer.Build(CorpusDirectory, path, hash), cancellationToken);
                generation = IndexGeneration.Open(path, hash, resources, LoadQuestionData)
                    ?? throw new InvalidOperationException("The index just built cannot be opened: " + path);
                _logger.LogInformation("Indexed {Documents} documents into {Passages} passages in {Elapsed} ms",
                    report.Documents, report.Passages, (int)report.Elapsed.TotalMilliseconds);
            }

            var previous = _current;
            _current = generation;
            if (previous is not null && previous.Path != generation.Path)
            {
                previous.Retire();
            }

            DeleteStaleFiles(generation.Path, previous?.Path);
            return (report is null ? IndexRefresh.Loaded : IndexRefresh.Built, report);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Serves a generation built elsewhere (the benchmarks' generated corpus) in place of the current one.</summary>
    internal void Install(IndexGeneration generation)
    {
        var previous = _current;
        _current = generation;
        previous?.Retire();
    }

    public void Dispose()
    {
        _current?.Shutdown();
        _refreshing.Dispose();
    }

    /// <summary>Removes index files of earlier corpora; the one just retired deletes itself when its last search ends.</summary>
    private void DeleteStaleFiles(string current, string? retiring)
    {
        if (!Directory.Exists(_paths.DataDirectory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(_paths.DataDirectory, FilePrefix + "*.db*"))
        {
            if (file != current && file != retiring && !file.EndsWith(".building", StringComparison.Ordinal))
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // Still open somewhere (a retired generation finishing searches deletes its own file).
                }
            }
        }
    }
}
