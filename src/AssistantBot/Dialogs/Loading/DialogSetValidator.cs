using AssistantBot.Dialogs.Model;
using AssistantBot.Dialogs.Text;

namespace AssistantBot.Dialogs.Loading;

/// <summary>The checks that span files: one welcome, one command set, one safety file, and ids and phrasings used once.</summary>
public static class DialogSetValidator
{
    public static DialogSet? Assemble(DialogSetParts parts, string directory, List<DialogError> errors)
    {
        var welcome = Single(parts.Welcomes, "welcome", directory, errors);
        var commands = Single(parts.Commands, "commands", directory, errors);
        var safety = Single(parts.Safety, "safety", directory, errors);

        var ids = parts.Faqs.Select(f => (f.Id, f.Origin)).Concat(parts.Flows.Select(f => (f.Id, f.Origin)));
        ReportRepeats(ids, (id, first) => $"the id '{id}' is already used ({first})", errors);

        var triggers = parts.Faqs.SelectMany(f => f.Triggers.Select(t => (Words.Normalize(t), f.Origin)))
            .Concat(parts.Flows.SelectMany(f => f.Triggers.Select(t => (Words.Normalize(t), f.Origin))));
        ReportRepeats(triggers, (trigger, first) => $"the trigger '{trigger}' is already used ({first})", errors);

        return welcome is null || commands is null || safety is null ? null : new DialogSet(welcome, commands, safety, parts.Faqs, parts.Flows);
    }

    private static T? Single<T>(List<(T? Dialog, DialogOrigin Origin)> found, string kind, string directory, List<DialogError> errors)
        where T : class
    {
        if (found.Count == 0)
        {
            errors.Add(new DialogError(directory, 0, $"no file defines the {kind} (a document with 'kind: {kind}')"));
            return null;
        }

        foreach (var extra in found.Skip(1))
        {
            errors.Add(new DialogError(extra.Origin.File, extra.Origin.Line, $"a second '{kind}' (the first is in {found[0].Origin})"));
        }

        return found[0].Dialog;
    }

    private static void ReportRepeats(IEnumerable<(string Key, DialogOrigin Origin)> items, Func<string, DialogOrigin, string> message, List<DialogError> errors)
    {
        var first = new Dictionary<string, DialogOrigin>(StringComparer.Ordinal);
        foreach (var (key, origin) in items)
        {
            if (!first.TryAdd(key, origin) && first[key] != origin)
            {
                errors.Add(new DialogError(origin.File, origin.Line, message(key, first[key])));
            }
        }
    }
}
