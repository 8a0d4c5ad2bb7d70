using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace AssistantBot.Knowledge.Corpus;

/// <summary>
/// Reads the corpus directory: every <c>.txt</c> and <c>.md</c> file is a document, described by its entry in
/// <c>manifest.json</c> or by YAML front matter between <c>---</c> lines at its top (front matter wins). Adding a
/// document is dropping a file here. The content hash covers every file that shapes the index.
/// </summary>
public static class CorpusReader
{
    public const string ManifestFile = "manifest.json";

    /// <summary>Bump when ingestion or indexing code changes what an index holds, so existing indexes are rebuilt.</summary>
    public const string IndexFormat = "knowledge-index-5";

    private static readonly string[] DocumentExtensions = [".txt", ".md"];

    public static bool IsDocument(string path) =>
        DocumentExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)
        && !Path.GetFileName(path).StartsWith("README", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(Path.GetFileName(path), Analysis.AnalysisResources.StopWordsFile, StringComparison.OrdinalIgnoreCase);

    /// <summary>The files whose change means a new index: documents, manifest and the editable data files.</summary>
    public static IReadOnlyList<string> IndexInputs(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(f => IsDocument(f) || Path.GetExtension(f) is ".json" or ".yaml" or ".yml" || Path.GetFileName(f) == Analysis.AnalysisResources.StopWordsFile)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string ContentHash(string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(IndexFormat + "\n"));
        foreach (var file in IndexInputs(directory))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
            hash.AppendData("\n"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static IReadOnlyList<CorpusDocument> ReadDocuments(string directory)
    {
        var manifest = ReadManifest(Path.Combine(directory, ManifestFile));
        return Directory.EnumerateFiles(directory)
            .Where(IsDocument)
            .Order(StringComparer.Ordinal)
            .Select(path => ReadDocument(path, manifest.GetValueOrDefault(Path.GetFileName(path))))
            .ToList();
    }

    private static CorpusDocument ReadDocument(string path, JsonElement? entry)
    {
        var file = Path.GetFileName(path);
        var (frontMatter, body) = FrontMatter.Split(File.ReadAllText(path), path);
        string? Field(string name) => frontMatter?.GetValueOrDefault(name) ?? (entry is { } e && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null);

        var (date, dateKind) = Field("updated") is { } updated ? (updated, "updated") : Field("posted") is { } posted ? (posted, "posted") : (null, null);
        var topics = frontMatter?.GetValueOrDefault("topics")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            ?? (entry is { } en && en.TryGetProperty("topics", out var t) && t.ValueKind == JsonValueKind.Array
                ? t.EnumerateArray().Select(x => x.GetString() ?? string.Empty).Where(x => x.Length > 0).ToArray()
                : []);
        return new CorpusDocument(
            file,
            Field("title") ?? TitleFromText(body) ?? Path.GetFileNameWithoutExtension(file),
            Field("publisher"),
            ParseDate(date, path),
            dateKind,
            Field("medically_reviewed_by") ?? Field("reviewed_by"),
            topics,
            body);
    }

    private static Dictionary<string, JsonElement?> ReadManifest(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var entries = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
            if (json.RootElement.TryGetProperty("documents", out var documents))
            {
                foreach (var document in documents.EnumerateArray())
                {
                    if (document.TryGetProperty("file", out var file) && file.GetString() is { } name)
                    {
                        entries[name] = document.Clone();
                    }
                }
            }

            return entries;
        }
        catch (JsonException ex)
        {
            throw new DataFileException(path, (int?)ex.LineNumber + 1, ex.Message);
        }
    }

    private static string? TitleFromText(string body)
    {
        var first = body.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return first is { Length: <= 120 } ? first : null;
    }

    private static DateOnly? ParseDate(string? text, string path) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new DataFileException(path, null, $"date '{text}' must be written yyyy-MM-dd");
}

/// <summary>YAML front matter: a <c>---</c> line, simple <c>key: value</c> lines, a closing <c>---</c> line.</summary>
public static class FrontMatter
{
    public static (Dictionary<string, string>? Fields, string Body) Split(string text, string path)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            return (null, text);
        }

        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new DataFileException(path, 1, "front matter opened with --- is never closed");
        }

        var root = DataFileYaml.Parse(text[4..end], path, lineOffset: 1);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (root is YamlMappingNode mapping)
        {
            foreach (var (key, value) in mapping.Children)
            {
                fields[key.ToString()] = value switch
                {
                    YamlSequenceNode list => string.Join(", ", list.Children.Select(c => c.ToString())),
                    _ => value.ToString(),
                };
            }
        }

        var bodyStart = text.IndexOf('\n', end + 1);
        return (fields, bodyStart < 0 ? string.Empty : text[(bodyStart + 1)..]);
    }
}
