using Microsoft.Extensions.Options;

namespace AssistantBot.Dialogs.Loading;

/// <summary>
/// Reloads the dialogs when a file under the directory changes. Changes are debounced: an editor's save often
/// arrives as several events (truncate, write, rename), and the reload waits until they have stopped.
/// Being a hosted service, it also makes the catalog load when the host starts, so bad files stop the start-up.
/// </summary>
public sealed class DialogFileWatcher(DialogCatalog catalog, IOptions<DialogOptions> options) : IHostedService, IDisposable
{
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.WatchForChanges)
        {
            return Task.CompletedTask;
        }

        _debounce = new Timer(_ => catalog.Reload());
        _watcher = new FileSystemWatcher(catalog.Directory)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += OnChange;
        _watcher.EnableRaisingEvents = true;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _watcher = null;
        _debounce?.Dispose();
        _debounce = null;
    }

    private void OnChange(object sender, FileSystemEventArgs e) =>
        _debounce?.Change(options.Value.ReloadDelay, Timeout.InfiniteTimeSpan);
}
