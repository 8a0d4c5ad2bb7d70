using AssistantBot.Dialogs.Model;
using AssistantBot.Knowledge;
using Microsoft.Extensions.Options;

namespace AssistantBot.Dialogs.Loading;

/// <summary>The dialogs in use. A turn reads <see cref="Current"/> once and keeps that set for the whole turn.</summary>
public interface IDialogCatalog
{
    DialogSet Current { get; }
}

/// <summary>
/// Holds the last good <see cref="DialogSet"/>. It loads when created, so invalid files stop the program at start-up;
/// a later <see cref="Reload"/> that fails logs the problems and keeps the set in use.
/// </summary>
public sealed class DialogCatalog : IDialogCatalog
{
    private readonly DialogSetLoader _loader;
    private readonly ILogger<DialogCatalog> _logger;
    private readonly Lock _reloading = new();
    private DialogSet _current;

    public DialogCatalog(DialogSetLoader loader, IOptions<DialogOptions> options, IHostEnvironment environment, ILogger<DialogCatalog> logger)
    {
        _loader = loader;
        _logger = logger;
        // Found upwards like the corpus: "dotnet run --project src/AssistantBot" runs in the project's directory.
        Directory = UpwardPath.Find(environment.ContentRootPath, options.Value.Directory, System.IO.Directory.Exists);
        _current = loader.Load(Directory);
        logger.LogInformation("Loaded {FaqCount} FAQs and {FlowCount} flows from {Directory}", _current.Faqs.Count, _current.Flows.Count, Directory);
    }

    public string Directory { get; }

    public DialogSet Current => Volatile.Read(ref _current);

    /// <summary>Reads the files again; returns the problems that kept the previous set in use, or none.</summary>
    public IReadOnlyList<DialogError> Reload()
    {
        lock (_reloading)
        {
            try
            {
                var set = _loader.Load(Directory);
                Volatile.Write(ref _current, set);
                _logger.LogInformation("Reloaded {FaqCount} FAQs and {FlowCount} flows from {Directory}", set.Faqs.Count, set.Flows.Count, Directory);
                return [];
            }
            catch (InvalidDialogsException ex)
            {
                _logger.LogError("The changed dialog files were refused; the previous dialogs stay in use. {Problems}", ex.Message);
                return ex.Errors;
            }
            catch (IOException ex)
            {
                // A file still being written or moved: the watcher will see its next change.
                _logger.LogWarning("Could not read the dialog files ({Message}); the previous dialogs stay in use", ex.Message);
                return [new DialogError(Directory, 0, ex.Message)];
            }
        }
    }
}
