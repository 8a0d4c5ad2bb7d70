namespace AssistantBot.Dialogs.Model;

/// <summary>A corpus document that scripted content is written from, as the corpus's metadata describes it.</summary>
public sealed record SourceDocument(string File, string Title, string? Publisher, string? Date)
{
    /// <summary>The line that follows every scripted answer, so a reader can check what it was written from.</summary>
    public string Citation => "Source: " + Reference;

    /// <summary>The title in quotes, then the publisher and date where the corpus knows them.</summary>
    public string Reference
    {
        get
        {
            var details = string.Join(", ", new[] { Publisher, Date }.Where(d => !string.IsNullOrWhiteSpace(d)));
            return details.Length == 0 ? $"\"{Title}\"" : $"\"{Title}\", {details}";
        }
    }

    public static string Cite(IReadOnlyList<SourceDocument> sources) =>
        sources.Count == 1 ? sources[0].Citation : "Sources: " + string.Join("; ", sources.Select(s => s.Reference));
}
