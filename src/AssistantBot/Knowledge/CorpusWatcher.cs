using Microsoft.Extensions.Options;

namespace AssistantBot.Knowledge;

/// <summary>
/// Loads (or builds) the index before the host takes traffic, so a broken data file stops the start with its file
/// and line; then re-indexes when a file in the corpus directory changes, once the directory has been quiet for a
/// moment. A broken file met on a live change is logged and the last good index stays in service.
/// </summary>
public sealed class CorpusWatcher(KnowledgeIndex index, IOptions<KnowledgeOptions> options, ILogger<CorpusWatcher> logger) : IHostedService, IDisposable
{
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;
    private CancellationTokenSource? _stopping;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await index.RefreshAsync(rebuild: false, cancellationToken);
        if (!options.Value.WatchCorpus)
        {
            return;
        }

        _stopping = new CancellationTokenSource();
        _debounce = new Timer(_ => _ = ReindexAsync(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(index.CorpusDirectory)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            IncludeSubdirectories = false,
        };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += OnChange;
        _watcher.EnableRaisingEvents = true;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null)
        {
            _watcher.EnableRaisingEvents = false;
        }

        _stopping?.Cancel();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // A host built twice over (WebApplicationFactory.WithWebHostBuilder) may dispose this before stopping it.
        _watcher?.Dispose();
        _watcher = null;
        _debounce?.Dispose();
        _debounce = null;
        _stopping?.Dispose();
        _stopping = null;
    }

    private void OnChange(object sender, FileSystemEventArgs e) =>
        _debounce?.Change(options.Value.ReindexDelayMilliseconds, Timeout.Infinite);

    private async Task ReindexAsync()
    {
        try
        {
            var (outcome, _) = await index.RefreshAsync(rebuild: false, _stopping!.Token);
            logger.LogInformation("Corpus change checked: {Outcome}", outcome);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        catch (Exception ex) when (ex is DataFileException or IOException or UnauthorizedAccessException)
        {
            logger.LogError("The corpus changed but cannot be indexed; the previous index stays in service. {Problem}", ex.Message);
        }
    }
}
