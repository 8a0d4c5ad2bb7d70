using System.Text.Json;
using AssistantBot.Dialogs.Model;

namespace AssistantBot.Dialogs.Loading;

/// <summary>
/// The corpus documents as <c>corpus/manifest.json</c> lists them (file, title, publisher, updated or posted date).
/// Read once: a document added to the corpus needs a restart before a dialog can cite it.
/// </summary>
public sealed class ManifestSourceCatalog : ISourceCatalog
{
    private readonly Dictionary<string, SourceDocument> _documents = new(StringComparer.Ordinal);

    public ManifestSourceCatalog(string corpusDirectory)
    {
        var manifest = Path.Combine(corpusDirectory, "manifest.json");
        if (!File.Exists(manifest))
        {
            return; // every 'source' will then be reported as unknown, naming the empty list
        }

        using var json = JsonDocument.Parse(File.ReadAllBytes(manifest));
        foreach (var entry in json.RootElement.GetProperty("documents").EnumerateArray())
        {
            var file = Text(entry, "file");
            var title = Text(entry, "title");
            if (file is null || title is null)
            {
                continue;
            }

            var date = Text(entry, "updated") is { } updated ? "updated " + updated
                : Text(entry, "posted") is { } posted ? "posted " + posted
                : null;
            _documents[file] = new SourceDocument(file, title, Text(entry, "publisher"), date);
        }
    }

    public IReadOnlyCollection<string> Files => _documents.Keys;

    public SourceDocument? Find(string file) => _documents.GetValueOrDefault(file);

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
