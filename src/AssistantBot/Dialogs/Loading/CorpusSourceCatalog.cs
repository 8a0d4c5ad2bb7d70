using System.Globalization;
using AssistantBot.Dialogs.Model;
using AssistantBot.Knowledge.Corpus;

namespace AssistantBot.Dialogs.Loading;

/// <summary>
/// The corpus documents as the knowledge feature reads them (manifest entry or front matter): title, publisher and
/// date. Read once: a document added to the corpus needs a restart before a dialog can cite it.
/// </summary>
public sealed class CorpusSourceCatalog : ISourceCatalog
{
    private readonly Dictionary<string, SourceDocument> _documents;

    public CorpusSourceCatalog(string corpusDirectory)
    {
        _documents = Directory.Exists(corpusDirectory)
            ? CorpusReader.ReadDocuments(corpusDirectory).ToDictionary(
                d => d.File,
                d => new SourceDocument(d.File, d.Title, d.Publisher, Dated(d)),
                StringComparer.Ordinal)
            : new Dictionary<string, SourceDocument>(StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Files => _documents.Keys;

    public SourceDocument? Find(string file) => _documents.GetValueOrDefault(file);

    private static string? Dated(CorpusDocument document) =>
        document.Date is { } date ? $"{document.DateKind ?? "dated"} {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : null;
}
