using AssistantBot.Dialogs.Model;

namespace AssistantBot.Dialogs.Loading;

/// <summary>Reads the <c>kind: commands</c> document: every command once, and no phrase claimed by two commands.</summary>
public static class CommandsReader
{
    private static readonly Dictionary<string, CommandKind> Names = new(StringComparer.Ordinal)
    {
        ["help"] = CommandKind.Help,
        ["start-over"] = CommandKind.StartOver,
        ["cancel"] = CommandKind.Cancel,
        ["patient-advocate"] = CommandKind.PatientAdvocate,
        ["resume"] = CommandKind.Resume,
    };

    public static CommandSet? Read(YamlFields fields)
    {
        var fillers = fields.Texts("fillers", required: false);
        var commands = new List<GlobalCommand>();
        foreach (var item in fields.Maps("commands", (n, map) => $"command {n} of {fields.What}"))
        {
            if (ReadCommand(item) is { } command)
            {
                if (commands.Any(c => c.Kind == command.Kind))
                {
                    item.Errors.Add(item.Line, $"the command '{Name(command.Kind)}' is defined twice");
                }

                commands.Add(command);
            }
        }

        fields.RejectUnknownKeys();
        foreach (var missing in Names.Where(n => commands.All(c => c.Kind != n.Value)))
        {
            fields.Errors.Add(fields.Line, $"{fields.What} has no '{missing.Key}' command");
        }

        ReportSharedPhrases(commands, fields.Errors);
        return fields.Errors.Errors.Count == 0 ? new CommandSet(commands, fillers, new DialogOrigin(fields.Errors.File, fields.Line)) : null;
    }

    private static GlobalCommand? ReadCommand(YamlFields item)
    {
        var name = item.Text("command");
        var phrases = item.Texts("phrases");
        var contained = item.Texts("contains", required: false);
        var declines = item.Texts("declines", required: false);
        var reply = item.Text("reply");
        var nothingToDo = item.Text("nothing_to_do", required: false);
        var suggestions = item.Texts("suggestions", required: false);
        item.RejectUnknownKeys();

        if (name is null)
        {
            return null;
        }

        if (!Names.TryGetValue(name, out var kind))
        {
            item.Errors.Add(item.Line, $"unknown command '{name}' (expected {string.Join(", ", Names.Keys)})");
            return null;
        }

        if (kind is CommandKind.Cancel or CommandKind.Resume && nothingToDo is null)
        {
            item.Errors.Add(item.Line, $"the '{name}' command needs 'nothing_to_do': what to say when no flow is in progress");
        }

        return reply is null ? null : new GlobalCommand(kind, phrases, contained, declines, reply, nothingToDo, suggestions, new DialogOrigin(item.Errors.File, item.Line));
    }

    private static void ReportSharedPhrases(List<GlobalCommand> commands, DialogErrorList errors)
    {
        var owners = new Dictionary<string, GlobalCommand>(StringComparer.OrdinalIgnoreCase);
        foreach (var command in commands)
        {
            foreach (var phrase in command.Phrases.Concat(command.ContainedPhrases).Concat(command.Declines).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (owners.TryGetValue(phrase, out var owner) && owner != command)
                {
                    errors.Add(command.Origin.Line, $"the phrase '{phrase}' belongs to both '{Name(owner.Kind)}' and '{Name(command.Kind)}'");
                }

                owners[phrase] = command;
            }
        }
    }

    public static string Name(CommandKind kind) => Names.First(n => n.Value == kind).Key;
}
