namespace AssistantBot.Knowledge;

/// <summary>An editable data file (synonyms, stop words, ingestion rules, manifest, front matter) that cannot be used.</summary>
public sealed class DataFileException(string file, int? line, string problem)
    : Exception(line is null ? $"{file}: {problem}" : $"{file}, line {line}: {problem}")
{
    public string File { get; } = file;

    public int? Line { get; } = line;
}
