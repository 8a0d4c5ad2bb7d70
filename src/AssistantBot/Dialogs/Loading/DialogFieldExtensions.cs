using System.Text.RegularExpressions;
using AssistantBot.Dialogs.Model;

namespace AssistantBot.Dialogs.Loading;

/// <summary>Field readers shared by the dialog kinds: ids, sources, and the {name} placeholders of templates.</summary>
public static partial class DialogFieldExtensions
{
    /// <summary>Dialog ids: lowercase words joined by '-' or '_' ("first-signs").</summary>
    public static string? Id(this YamlFields fields) => fields.Matching("id", DialogId(), "lowercase letters, digits, '-' and '_', starting with a letter");

    /// <summary>Flow step and outcome ids double as answer names in expressions, so they are lowercase words joined by '_'.</summary>
    public static string? Name(this YamlFields fields) => fields.Matching("id", AnswerName(), "lowercase letters, digits and '_', starting with a letter");

    public static bool IsAnswerName(string text) => AnswerName().IsMatch(text);

    public static SourceDocument? Source(this YamlFields fields, ISourceCatalog sources) =>
        fields.Text("source") is { } file ? Find(fields, sources, file) : null;

    /// <summary>One corpus document or a list of them, every one of which must exist.</summary>
    public static IReadOnlyList<SourceDocument> Sources(this YamlFields fields, ISourceCatalog sources)
    {
        var files = fields.Texts("source");
        var found = files.Select(f => Find(fields, sources, f)).OfType<SourceDocument>().ToList();
        return found.Count == files.Count ? found : [];
    }

    private static SourceDocument? Find(YamlFields fields, ISourceCatalog sources, string file)
    {
        if (sources.Find(file) is { } document)
        {
            return document;
        }

        fields.Errors.Add(fields.Line, $"'source' of {fields.What} names '{file}', which is not a corpus document (known: {string.Join(", ", sources.Files.Order(StringComparer.Ordinal))})");
        return null;
    }

    /// <summary>The names written as {name} in a template.</summary>
    public static IEnumerable<string> Placeholders(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value);

    public static string Fill(string template, Func<string, string?> value) =>
        Placeholder().Replace(template, m => value(m.Groups[1].Value) ?? m.Value);

    private static string? Matching(this YamlFields fields, string key, Regex pattern, string rule)
    {
        var text = fields.Text(key);
        if (text is null || pattern.IsMatch(text))
        {
            return text;
        }

        fields.Errors.Add(fields.Line, $"'{key}' of {fields.What} must be {rule}, not '{text}'");
        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial Regex DialogId();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex AnswerName();

    [GeneratedRegex(@"\{([a-z][a-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
