using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace AssistantBot.Dialogs.Loading;

/// <summary>
/// The fields of one YAML mapping, read with their line numbers so that every complaint names where it is.
/// Each getter records the key as known; <see cref="RejectUnknownKeys"/> then reports misspelt or stray fields.
/// </summary>
public sealed class YamlFields(YamlMappingNode node, string what, DialogErrorList errors)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>What this mapping is, for messages: "faq 'first-signs'", "step 'age' of flow 'screening'".</summary>
    public string What { get; } = what;

    public DialogErrorList Errors { get; } = errors;

    public int Line => LineOf(node);

    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    public bool Has(string key) => Find(key) is not null;

    public string? Text(string key, bool required = true)
    {
        var value = Node(key, required);
        if (value is null)
        {
            return null;
        }

        if (value is YamlScalarNode { Value: { } text })
        {
            text = text.Trim();
            if (text.Length > 0)
            {
                return text;
            }

            Errors.Add(LineOf(value), $"'{key}' of {What} is empty");
            return null;
        }

        Errors.Add(LineOf(value), $"'{key}' of {What} must be a text, not a {Describe(value)}");
        return null;
    }

    /// <summary>A list of texts; a single text is accepted as a list of one.</summary>
    public IReadOnlyList<string> Texts(string key, bool required = true)
    {
        var value = Node(key, required);
        switch (value)
        {
            case null:
                return [];
            case YamlScalarNode scalar:
                return Text(key, required) is { } single ? [single] : [];
            case YamlSequenceNode sequence:
                var texts = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { } text } && text.Trim().Length > 0)
                    {
                        texts.Add(text.Trim());
                    }
                    else
                    {
                        Errors.Add(LineOf(item), $"every entry of '{key}' of {What} must be a non-empty text");
                    }
                }

                if (required && texts.Count == 0 && sequence.Children.Count == 0)
                {
                    Errors.Add(LineOf(sequence), $"'{key}' of {What} needs at least one entry");
                }

                return texts;
            default:
                Errors.Add(LineOf(value), $"'{key}' of {What} must be a list of texts, not a {Describe(value)}");
                return [];
        }
    }

    public double? Number(string key, bool required = false)
    {
        if (Text(key, required) is not { } text)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Errors.Add(LineOf(Find(key)!), $"'{key}' of {What} must be a number, not '{text}'");
        return null;
    }

    public bool? Flag(string key)
    {
        if (Text(key, required: false) is not { } text)
        {
            return null;
        }

        if (bool.TryParse(text, out var flag))
        {
            return flag;
        }

        Errors.Add(LineOf(Find(key)!), $"'{key}' of {What} must be true or false, not '{text}'");
        return null;
    }

    public YamlFields? Map(string key, string what, bool required = true) => Node(key, required) switch
    {
        null => null,
        YamlMappingNode map => new YamlFields(map, what, Errors),
        var other => Wrong(other, $"'{key}' of {What} must be a mapping (fields), not a {Describe(other)}"),
    };

    /// <summary>A list of mappings; <paramref name="what"/> names the n-th item (from 1) for messages.</summary>
    public IReadOnlyList<YamlFields> Maps(string key, Func<int, YamlMappingNode, string> what, bool required = true)
    {
        var value = Node(key, required);
        if (value is null)
        {
            return [];
        }

        if (value is not YamlSequenceNode sequence)
        {
            Errors.Add(LineOf(value), $"'{key}' of {What} must be a list, not a {Describe(value)}");
            return [];
        }

        if (required && sequence.Children.Count == 0)
        {
            Errors.Add(LineOf(sequence), $"'{key}' of {What} needs at least one entry");
        }

        var maps = new List<YamlFields>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is YamlMappingNode map)
            {
                maps.Add(new YamlFields(map, what(i + 1, map), Errors));
            }
            else
            {
                Errors.Add(LineOf(sequence.Children[i]), $"entry {i + 1} of '{key}' of {What} must be a mapping (fields)");
            }
        }

        return maps;
    }

    /// <summary>A mapping of texts to texts, such as the contraction table.</summary>
    public IReadOnlyDictionary<string, string> TextMap(string key, bool required = true)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (Node(key, required))
        {
            case null:
                break;
            case YamlMappingNode map:
                foreach (var (name, value) in map.Children)
                {
                    if (name is YamlScalarNode { Value: { Length: > 0 } from } && value is YamlScalarNode { Value: { Length: > 0 } to })
                    {
                        result[from] = to;
                    }
                    else
                    {
                        Errors.Add(LineOf(name), $"every entry of '{key}' of {What} must map a text to a text");
                    }
                }

                break;
            case var other:
                Errors.Add(LineOf(other), $"'{key}' of {What} must be a mapping of texts, not a {Describe(other)}");
                break;
        }

        return result;
    }

    /// <summary>Reports the fields nobody asked for: usually a typo in a field's name.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (key, _) in node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!_known.Contains(name))
            {
                Errors.Add(LineOf(key), $"unknown field '{name}' in {What} (expected {string.Join(", ", _known.Order(StringComparer.Ordinal))})");
            }
        }
    }

    private YamlNode? Node(string key, bool required)
    {
        _known.Add(key);
        var value = Find(key);
        if (value is null && required)
        {
            Errors.Add(Line, $"'{key}' is required in {What}");
        }

        // An empty value ("answer:") parses as a null scalar: treat it as absent, but say so when it is required.
        if (value is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" })
        {
            if (required)
            {
                Errors.Add(LineOf(value), $"'{key}' of {What} is empty");
            }

            return null;
        }

        return value;
    }

    private YamlNode? Find(string key) =>
        node.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: { } k } && k == key).Value;

    private YamlFields? Wrong(YamlNode node, string message)
    {
        Errors.Add(LineOf(node), message);
        return null;
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "list",
        YamlMappingNode => "mapping",
        _ => "text",
    };
}
