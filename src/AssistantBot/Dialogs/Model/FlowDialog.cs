namespace AssistantBot.Dialogs.Model;

/// <summary>
/// A guided conversation: questions asked one at a time, each answer saved under the step's id, branches that pick
/// the next step or an outcome, and at the end a summary of the answers, the outcome and a closing with the source.
/// </summary>
public sealed record FlowDialog(
    string Id,
    string Name,
    IReadOnlyList<string> Triggers,
    string Intro,
    IReadOnlyList<FlowStep> Steps,
    IReadOnlyList<FlowOutcome> Outcomes,
    IReadOnlyList<string> Summary,
    string Closing,
    SourceDocument Source,
    DialogOrigin Origin)
{
    public FlowStep FirstStep => Steps[0];

    public FlowStep? FindStep(string id) => Steps.FirstOrDefault(s => s.Id == id);

    public FlowOutcome? FindOutcome(string id) => Outcomes.FirstOrDefault(o => o.Id == id);
}

/// <summary>One question of a flow. Its answer is saved under <see cref="Id"/>, then <see cref="Assignments"/> run.</summary>
public sealed record FlowStep(
    string Id,
    string Prompt,
    string Retry,
    FlowInput Input,
    IReadOnlyList<FlowAssignment> Assignments,
    IReadOnlyList<FlowBranch> Next,
    DialogOrigin Origin);

/// <summary>What a step accepts as an answer.</summary>
public abstract record FlowInput;

/// <summary>A number in a range, typed in digits or words ("62", "sixty-two", "one and a half").</summary>
public sealed record NumberInput(double Min, double Max, bool WholeNumber) : FlowInput;

/// <summary>One of a few choices, offered as suggested actions.</summary>
public sealed record ChoiceInput(IReadOnlyList<FlowChoice> Choices) : FlowInput;

/// <summary>A choice: its button label, the value saved, other ways of saying it, and where it leads (else the step's branches).</summary>
public sealed record FlowChoice(string Label, string Value, IReadOnlyList<string> Aliases, string? Goto);

/// <summary>A value computed from earlier answers, such as pack-years from packs a day and years smoked.</summary>
public sealed record FlowAssignment(string Variable, FlowExpression Expression);

/// <summary>Go to <see cref="Target"/> (a step or an outcome) when <see cref="Condition"/> holds, or always when it is null.</summary>
public sealed record FlowBranch(FlowExpression? Condition, string Target, DialogOrigin Origin);

/// <summary>How a flow can end: what it tells the visitor, and the suggested actions offered.</summary>
public sealed record FlowOutcome(string Id, string Text, IReadOnlyList<string> Suggestions, DialogOrigin Origin);
