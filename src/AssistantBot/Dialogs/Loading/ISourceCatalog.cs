using AssistantBot.Dialogs.Model;

namespace AssistantBot.Dialogs.Loading;

/// <summary>The corpus documents that scripted content may cite, found by file name.</summary>
public interface ISourceCatalog
{
    IReadOnlyCollection<string> Files { get; }

    SourceDocument? Find(string file);
}
