using AssistantBot.Dialogs.Model;
using YamlDotNet.RepresentationModel;

namespace AssistantBot.Dialogs.Loading;

/// <summary>
/// Reads a <c>kind: flow</c> document and checks that it holds together: every branch leads to a step or an outcome
/// that exists, every answer leads somewhere, every name used was asked or computed, and nothing is unreachable.
/// </summary>
public static class FlowReader
{
    public static FlowDialog? Read(YamlFields fields, ISourceCatalog sources)
    {
        var errorsBefore = fields.Errors.Errors.Count;
        var id = fields.Id();
        var name = fields.Text("name");
        var triggers = fields.Texts("triggers");
        var intro = fields.Text("intro");
        var source = fields.Source(sources);
        var steps = fields.Maps("steps", (n, map) => $"step {Describe(n, map)} of {fields.What}").Select(ReadStep).OfType<FlowStep>().ToList();
        var outcomes = fields.Maps("outcomes", (n, map) => $"outcome {Describe(n, map)} of {fields.What}").Select(ReadOutcome).OfType<FlowOutcome>().ToList();
        var summary = fields.Texts("summary", required: false);
        var closing = fields.Text("closing");
        fields.RejectUnknownKeys();

        if (id is null || name is null || intro is null || source is null || closing is null || steps.Count == 0 || fields.Errors.Errors.Count > errorsBefore)
        {
            return null;
        }

        var flow = new FlowDialog(id, name, triggers, intro, steps, outcomes, summary, closing, source, new DialogOrigin(fields.Errors.File, fields.Line));
        Check(flow, fields);
        return fields.Errors.Errors.Count > errorsBefore ? null : flow;
    }

    private static string Describe(int n, YamlMappingNode map) =>
        map.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "id" }).Value is YamlScalarNode { Value: { } id } ? $"'{id}'" : n.ToString();

    private static FlowStep? ReadStep(YamlFields fields)
    {
        var id = fields.Name();
        var prompt = fields.Text("ask");
        var retry = fields.Text("retry");
        FlowInput? input = (fields.Has("number"), fields.Has("choices")) switch
        {
            (true, false) => fields.Map("number", $"'number' of {fields.What}") is { } number ? ReadNumber(number) : null,
            (false, true) => ReadChoices(fields),
            _ => null,
        };
        if (fields.Has("number") == fields.Has("choices"))
        {
            fields.Errors.Add(fields.Line, $"{fields.What} needs either 'number' or 'choices'");
        }

        var assignments = ReadAssignments(fields);
        var next = fields.Maps("next", (n, _) => $"branch {n} of {fields.What}", required: false).Select(ReadBranch).OfType<FlowBranch>().ToList();
        fields.RejectUnknownKeys();
        return id is null || prompt is null || retry is null || input is null
            ? null
            : new FlowStep(id, prompt, retry, input, assignments, next, new DialogOrigin(fields.Errors.File, fields.Line));
    }

    private static NumberInput? ReadNumber(YamlFields fields)
    {
        var min = fields.Number("min", required: true);
        var max = fields.Number("max", required: true);
        var whole = fields.Flag("whole") ?? false;
        fields.RejectUnknownKeys();
        if (min > max)
        {
            fields.Errors.Add(fields.Line, $"'min' of {fields.What} is above its 'max'");
        }

        return min is null || max is null ? null : new NumberInput(min.Value, max.Value, whole);
    }

    private static ChoiceInput? ReadChoices(YamlFields fields)
    {
        var choices = new List<FlowChoice>();
        foreach (var item in fields.Maps("choices", (n, _) => $"choice {n} of {fields.What}"))
        {
            var label = item.Text("label");
            var value = item.Text("value");
            var aliases = item.Texts("also", required: false);
            var target = item.Text("goto", required: false);
            item.RejectUnknownKeys();
            if (label is not null && value is not null)
            {
                choices.Add(new FlowChoice(label, value, aliases, target));
            }
        }

        if (choices.Count < 2)
        {
            fields.Errors.Add(fields.Line, $"{fields.What} needs at least two choices");
        }

        foreach (var duplicate in choices.SelectMany(c => c.Aliases.Append(c.Label).Append(c.Value).Distinct(StringComparer.OrdinalIgnoreCase)).GroupBy(t => t, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            fields.Errors.Add(fields.Line, $"'{duplicate.Key}' is given for more than one choice of {fields.What}");
        }

        return new ChoiceInput(choices);
    }

    private static List<FlowAssignment> ReadAssignments(YamlFields fields)
    {
        var assignments = new List<FlowAssignment>();
        foreach (var (name, text) in fields.TextMap("set", required: false))
        {
            if (!DialogFieldExtensions.IsAnswerName(name))
            {
                fields.Errors.Add(fields.Line, $"'{name}' in 'set' of {fields.What} must be lowercase letters, digits and '_'");
            }
            else if (Parse(text, fields) is { } expression)
            {
                assignments.Add(new FlowAssignment(name, expression));
            }
        }

        return assignments;
    }

    private static FlowBranch? ReadBranch(YamlFields fields)
    {
        var condition = fields.Text("if", required: false);
        var target = fields.Text("goto");
        fields.RejectUnknownKeys();
        var expression = condition is null ? null : Parse(condition, fields);
        return target is null || (condition is not null && expression is null)
            ? null
            : new FlowBranch(expression, target, new DialogOrigin(fields.Errors.File, fields.Line));
    }

    private static FlowOutcome? ReadOutcome(YamlFields fields)
    {
        var id = fields.Name();
        var text = fields.Text("say");
        var suggestions = fields.Texts("suggestions", required: false);
        fields.RejectUnknownKeys();
        return id is null || text is null ? null : new FlowOutcome(id, text, suggestions, new DialogOrigin(fields.Errors.File, fields.Line));
    }

    private static FlowExpression? Parse(string text, YamlFields fields)
    {
        try
        {
            return FlowExpressionParser.Parse(text);
        }
        catch (FlowExpressionException ex)
        {
            fields.Errors.Add(fields.Line, $"in {fields.What}: {ex.Message}");
            return null;
        }
    }

    private static void Check(FlowDialog flow, YamlFields fields)
    {
        var errors = fields.Errors;
        var targets = flow.Steps.Select(s => s.Id).Concat(flow.Outcomes.Select(o => o.Id)).ToList();
        foreach (var duplicate in targets.GroupBy(t => t).Where(g => g.Count() > 1))
        {
            errors.Add(fields.Line, $"the id '{duplicate.Key}' is used twice in {fields.What} (steps and outcomes share one set of ids)");
        }

        var names = flow.Steps.Select(s => s.Id).Concat(flow.Steps.SelectMany(s => s.Assignments.Select(a => a.Variable))).ToHashSet(StringComparer.Ordinal);
        foreach (var step in flow.Steps)
        {
            CheckStep(flow, step, targets, names, errors);
        }

        foreach (var outcome in flow.Outcomes)
        {
            CheckPlaceholders(outcome.Text, names, $"outcome '{outcome.Id}'", outcome.Origin.Line, errors);
        }

        foreach (var line in flow.Summary)
        {
            CheckPlaceholders(line, names, $"the summary of {fields.What}", fields.Line, errors);
        }

        var reached = Reachable(flow);
        foreach (var unreached in targets.Where(t => !reached.Contains(t)))
        {
            var line = (flow.FindStep(unreached)?.Origin ?? flow.FindOutcome(unreached)?.Origin)?.Line ?? fields.Line;
            errors.Add(line, $"'{unreached}' of {fields.What} is never reached: no branch or choice leads to it");
        }
    }

    private static void CheckStep(FlowDialog flow, FlowStep step, List<string> targets, HashSet<string> names, DialogErrorList errors)
    {
        var what = $"step '{step.Id}' of flow '{flow.Id}'";
        var gotos = step.Next.Select(b => (b.Target, b.Origin.Line));
        if (step.Input is ChoiceInput choices)
        {
            gotos = gotos.Concat(choices.Choices.Where(c => c.Goto is not null).Select(c => (c.Goto!, step.Origin.Line)));
        }

        foreach (var (target, line) in gotos.Where(g => !targets.Contains(g.Item1)))
        {
            errors.Add(line, $"{what} goes to '{target}', which is neither a step nor an outcome of the flow");
        }

        var everyChoiceLeads = step.Input is ChoiceInput c2 && c2.Choices.All(c => c.Goto is not null);
        if (!everyChoiceLeads && (step.Next.Count == 0 || step.Next[^1].Condition is not null))
        {
            errors.Add(step.Origin.Line, $"{what} must end its 'next' with a branch without 'if', so that every answer leads somewhere");
        }

        var used = step.Next.Where(b => b.Condition is not null).SelectMany(b => b.Condition!.Names())
            .Concat(step.Assignments.SelectMany(a => a.Expression.Names()));
        foreach (var unknown in used.Where(n => !names.Contains(n)).Distinct())
        {
            errors.Add(step.Origin.Line, $"{what} uses '{unknown}', which no step asks and no 'set' computes");
        }
    }

    private static void CheckPlaceholders(string template, HashSet<string> names, string what, int line, DialogErrorList errors)
    {
        foreach (var unknown in DialogFieldExtensions.Placeholders(template).Where(n => !names.Contains(n)).Distinct())
        {
            errors.Add(line, $"{what} shows {{{unknown}}}, which no step asks and no 'set' computes");
        }
    }

    private static HashSet<string> Reachable(FlowDialog flow)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { flow.FirstStep.Id };
        var pending = new Stack<FlowStep>([flow.FirstStep]);
        while (pending.TryPop(out var step))
        {
            var next = step.Next.Select(b => b.Target);
            if (step.Input is ChoiceInput choices)
            {
                next = next.Concat(choices.Choices.Select(c => c.Goto).OfType<string>());
            }

            foreach (var target in next.Where(reached.Add))
            {
                if (flow.FindStep(target) is { } nextStep)
                {
                    pending.Push(nextStep);
                }
            }
        }

        return reached;
    }
}
