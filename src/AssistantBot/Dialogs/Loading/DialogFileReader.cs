using System.Text.RegularExpressions;
using AssistantBot.Dialogs.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AssistantBot.Dialogs.Loading;

/// <summary>Everything read from the files so far, before the checks that span files.</summary>
public sealed class DialogSetParts
{
    public List<(WelcomeDialog? Dialog, DialogOrigin Origin)> Welcomes { get; } = [];
    public List<(CommandSet? Dialog, DialogOrigin Origin)> Commands { get; } = [];
    public List<(SafetyRules? Dialog, DialogOrigin Origin)> Safety { get; } = [];
    public List<FaqDialog> Faqs { get; } = [];
    public List<FlowDialog> Flows { get; } = [];
}

/// <summary>
/// Reads one dialog file: a YAML stream of one or more documents separated by <c>---</c>, each with a <c>kind</c>.
/// </summary>
public static partial class DialogFileReader
{
    public const string KindNames = "faq, flow, commands, welcome, safety";

    public static void Read(string displayPath, string yaml, ISourceCatalog sources, DialogSetParts into, DialogErrorList errors)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            errors.Add((int)ex.Start.Line, "this is not valid YAML: " + Explain(ex));
            return;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up on some malformed input without a position; the last event read is the best clue.
            var line = (int)(parser.Current?.End.Line ?? 1);
            errors.Add(line, $"this is not valid YAML: it could not be read past line {line} (check brackets, quotes and indentation)");
            return;
        }

        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode root)
            {
                if (document.RootNode is not YamlScalarNode { Value: null or "" })
                {
                    errors.Add(YamlFields.LineOf(document.RootNode), $"a dialog must be a mapping of fields starting with 'kind' ({KindNames})");
                }

                continue;
            }

            ReadDocument(root, displayPath, sources, into, errors);
        }
    }

    private static void ReadDocument(YamlMappingNode root, string displayPath, ISourceCatalog sources, DialogSetParts into, DialogErrorList errors)
    {
        var kind = Scalar(root, "kind");
        var id = Scalar(root, "id");
        var fields = new YamlFields(root, id is null ? kind ?? "dialog" : $"{kind} '{id}'", errors);
        fields.Text("kind");
        var origin = new DialogOrigin(displayPath, fields.Line);
        switch (kind)
        {
            case "faq":
                if (FaqReader.Read(fields, sources) is { } faq)
                {
                    into.Faqs.Add(faq);
                }

                break;
            case "flow":
                if (FlowReader.Read(fields, sources) is { } flow)
                {
                    into.Flows.Add(flow);
                }

                break;
            case "welcome":
                into.Welcomes.Add((WelcomeReader.Read(fields), origin));
                break;
            case "commands":
                into.Commands.Add((CommandsReader.Read(fields), origin));
                break;
            case "safety":
                into.Safety.Add((SafetyReader.Read(fields), origin));
                break;
            case null:
                break; // fields.Text("kind") has said it is required
            default:
                errors.Add(fields.Line, $"unknown kind '{kind}' (expected {KindNames})");
                break;
        }
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: { } k } && k == key).Value is YamlScalarNode { Value: { } value }
            ? value.Trim()
            : null;

    /// <summary>YamlDotNet prefixes its messages with the marks, which the error already gives as a line.</summary>
    private static string Explain(YamlException ex)
    {
        var message = MarkPrefix().Replace(ex.Message, string.Empty);
        if (ex.InnerException is YamlException inner && !string.IsNullOrWhiteSpace(inner.Message))
        {
            message += " (" + MarkPrefix().Replace(inner.Message, string.Empty) + ")";
        }

        return message;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}
