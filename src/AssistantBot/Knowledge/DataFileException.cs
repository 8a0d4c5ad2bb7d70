namespace AssistantBot.Knowledge;

/// <summary>An editable data file (synonyms, stop words, ingestion rules, manifest, front matter) that cannot be used.</summary>
public sealed class DataFileException(string file, int? line, string problem)
    : Exception(line is null ? $"{file}: {problem}" : $"{file}, line {line}: {problem}")
{
    public string File { get; } = file;

    public int? Line { get; } = line;
}

/// <summary>Reads the YAML data files, turning a syntax error into a <see cref="DataFileException"/> with its line.</summary>
public static class DataFileYaml
{
    /// <param name="lineOffset">Lines before the YAML in the file (front matter starts on line 2).</param>
    /// <returns>The first document's root, or null for an empty file.</returns>
    public static YamlDotNet.RepresentationModel.YamlNode? Parse(string yaml, string file, int lineOffset = 0)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new DataFileException(file, (int)ex.Start.Line + lineOffset, ex.Message);
        }

        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    /// <summary>
    /// Reads <paramref name="fileName"/> in <paramref name="directory"/> as a mapping; null when the file does not
    /// exist (a data file left out means none of what it would say), an error with <paramref name="expected"/> otherwise.
    /// </summary>
    public static (string Path, YamlDotNet.RepresentationModel.YamlMappingNode Root)? LoadMapping(string directory, string fileName, string expected)
    {
        var path = System.IO.Path.Combine(directory, fileName);
        if (!System.IO.File.Exists(path))
        {
            return null;
        }

        return Parse(System.IO.File.ReadAllText(path), path) is YamlDotNet.RepresentationModel.YamlMappingNode root
            ? (path, root)
            : throw new DataFileException(path, 1, "expected " + expected);
    }

    /// <summary>The value under <paramref name="key"/> of a mapping node; null when absent or not a mapping.</summary>
    public static YamlDotNet.RepresentationModel.YamlNode? Child(YamlDotNet.RepresentationModel.YamlNode node, string key) =>
        node is YamlDotNet.RepresentationModel.YamlMappingNode map && map.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode(key), out var value) ? value : null;
}
