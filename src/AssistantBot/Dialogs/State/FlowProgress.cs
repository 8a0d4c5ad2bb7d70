namespace AssistantBot.Dialogs.State;

/// <summary>
/// A flow in progress, saved in the conversation's state after every turn, so that it survives a restart and
/// resumes at its step. Answers are kept as invariant strings.
/// </summary>
public sealed class FlowProgress
{
    public string FlowId { get; set; } = string.Empty;

    /// <summary>The step whose question was asked last and awaits its answer.</summary>
    public string StepId { get; set; } = string.Empty;

    public Dictionary<string, string> Answers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Set when a question interrupted the flow and the offer to carry on awaits an answer.</summary>
    public bool Paused { get; set; }
}
