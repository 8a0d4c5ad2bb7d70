using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace AssistantBot.Knowledge.Corpus;

public enum RuleKind
{
    /// <summary>Drop every matching line.</summary>
    Line,

    /// <summary>Cut the matching text out of lines.</summary>
    Text,

    /// <summary>Drop from a matching line through the line matching <see cref="IngestionRule.Until"/>, or through the list that follows.</summary>
    Block,

    /// <summary>Drop a matching line and everything after it.</summary>
    Rest,
}

/// <summary>One page-furniture rule from <c>ingestion-rules.yaml</c>, with the example that tests it.</summary>
public sealed record IngestionRule(string Name, RuleKind Kind, Regex Pattern, Regex? Until, string TestBefore, string TestAfter, int Line);

/// <summary>Loads <c>ingestion-rules.yaml</c> (see the file's header for the format).</summary>
public static class IngestionRules
{
    public const string FileName = "ingestion-rules.yaml";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<IngestionRule> Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return File.Exists(path) ? Parse(File.ReadAllText(path), path) : [];
    }

    public static IReadOnlyList<IngestionRule> Parse(string yaml, string file)
    {
        var root = DataFileYaml.Parse(yaml, file);
        if (root is null)
        {
            return [];
        }

        if (root is not YamlSequenceNode list)
        {
            throw new DataFileException(file, 1, "expected a list of rules");
        }

        return list.Children.Select(node => ParseRule(node, file)).ToList();
    }

    private static IngestionRule ParseRule(YamlNode node, string file)
    {
        var line = (int)node.Start.Line;
        if (node is not YamlMappingNode rule)
        {
            throw new DataFileException(file, line, "a rule must be a mapping with name, a kind and test");
        }

        string? Scalar(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

        var name = Scalar(rule, "name") ?? throw new DataFileException(file, line, "a rule needs a name");
        var kinds = Enum.GetValues<RuleKind>().Where(k => Scalar(rule, k.ToString().ToLowerInvariant()) is not null).ToList();
        if (kinds.Count != 1)
        {
            throw new DataFileException(file, line, $"rule '{name}' must have exactly one of line, text, block or rest");
        }

        var kind = kinds[0];
        var pattern = Compile(Scalar(rule, kind.ToString().ToLowerInvariant())!, file, line, name);
        var until = Scalar(rule, "until") is { } u ? Compile(u, file, line, name) : null;
        if (until is not null && kind != RuleKind.Block)
        {
            throw new DataFileException(file, line, $"rule '{name}': only a block rule has 'until'");
        }

        if (!rule.Children.TryGetValue(new YamlScalarNode("test"), out var testNode) || testNode is not YamlMappingNode test
            || Scalar(test, "before") is not { } before || Scalar(test, "after") is not { } after)
        {
            throw new DataFileException(file, line, $"rule '{name}' needs a test with before and after");
        }

        return new IngestionRule(name, kind, pattern, until, before, after, line);
    }

    private static Regex Compile(string pattern, string file, int line, string name)
    {
        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new DataFileException(file, line, $"rule '{name}': {ex.Message}");
        }
    }
}
