using System.Globalization;
using AssistantBot.Conversations;
using AssistantBot.Dialogs.Loading;
using AssistantBot.Dialogs.Model;
using AssistantBot.Dialogs.State;

namespace AssistantBot.Dialogs.Flows;

/// <summary>Where an answer led: the next step asked, or the outcome that ended the flow.</summary>
public sealed record FlowAdvance(FlowStep? Next, FlowOutcome? Outcome)
{
    public string Route => Next is not null ? "ask/" + Next.Id : "outcome/" + Outcome!.Id;
}

/// <summary>
/// Runs a flow: asks its steps one at a time, reads and checks each answer, follows the branches, and at an outcome
/// shows the summary of the answers, the outcome, and the closing with its source. The progress lives in
/// <see cref="ConversationData.Flow"/>, so it is saved with the turn.
/// </summary>
public sealed class FlowEngine
{
    public void Start(AssistantTurn turn, FlowDialog flow)
    {
        turn.Conversation.Flow = new FlowProgress { FlowId = flow.Id, StepId = flow.FirstStep.Id };
        turn.Reply(flow.Intro);
        Ask(turn, flow.FirstStep);
    }

    /// <summary>Asks the step's question, offering its choices as suggested actions.</summary>
    public void Ask(AssistantTurn turn, FlowStep step) => turn.Reply(step.Prompt, Choices(step));

    /// <summary>The friendly re-prompt after an answer the step could not use.</summary>
    public void AskAgain(AssistantTurn turn, FlowStep step) => turn.Reply(step.Retry, Choices(step));

    /// <summary>
    /// Takes the message as the answer to the current step and asks the next one, or ends the flow. Returns null,
    /// having said nothing, when the message is not an answer to the step; the router then decides whether it is a
    /// question to answer or a reason to ask again.
    /// </summary>
    public FlowAdvance? TryAnswer(AssistantTurn turn, FlowDialog flow, FlowProgress progress, FlowStep step, string text)
    {
        if (Read(step, text) is not { } answer)
        {
            return null;
        }

        progress.Answers[step.Id] = answer.Value;
        progress.Paused = false;
        string? Lookup(string name) => progress.Answers.GetValueOrDefault(name);
        foreach (var assignment in step.Assignments)
        {
            var value = assignment.Expression.Evaluate(Lookup);
            if (Saved(value) is { } saved)
            {
                progress.Answers[assignment.Variable] = saved;
            }
            else
            {
                progress.Answers.Remove(assignment.Variable);
            }
        }

        var target = answer.Choice?.Goto ?? step.Next.First(b => b.Condition is null || b.Condition.Evaluate(Lookup).IsTrue).Target;
        if (flow.FindStep(target) is { } next)
        {
            progress.StepId = next.Id;
            Ask(turn, next);
            return new FlowAdvance(next, null);
        }

        var outcome = flow.FindOutcome(target)!;
        Finish(turn, flow, progress, outcome);
        return new FlowAdvance(null, outcome);
    }

    private void Finish(AssistantTurn turn, FlowDialog flow, FlowProgress progress, FlowOutcome outcome)
    {
        string? Display(string name) => progress.Answers.TryGetValue(name, out var value) ? Describe(flow, name, value) : null;
        var summary = flow.Summary
            .Where(line => DialogFieldExtensions.Placeholders(line).All(progress.Answers.ContainsKey))
            .Select(line => DialogFieldExtensions.Fill(line, Display))
            .ToList();
        if (summary.Count > 0)
        {
            turn.Reply(string.Join("\n", summary));
        }

        turn.Reply(
            DialogFieldExtensions.Fill(outcome.Text, Display) + "\n\n" + flow.Closing + "\n\n" + flow.Source.Citation,
            outcome.Suggestions);
        turn.Conversation.Flow = null;
    }

    private (string Value, FlowChoice? Choice)? Read(FlowStep step, string text)
    {
        switch (step.Input)
        {
            case NumberInput number when NumberReader.TryRead(text, out var value)
                && value >= number.Min && value <= number.Max && (!number.WholeNumber || value == Math.Floor(value)):
                return (Format(value), null);
            case ChoiceInput choices when ChoiceReader.Read(choices, text) is { } choice:
                return (choice.Value, choice);
            default:
                return null;
        }
    }

    /// <summary>A choice's answer is shown by its label; numbers without needless decimals.</summary>
    private static string Describe(FlowDialog flow, string name, string value) =>
        flow.FindStep(name)?.Input is ChoiceInput choices && choices.Choices.FirstOrDefault(c => c.Value == value) is { } choice
            ? choice.Label
            : FlowValue.FromSaved(value).Number is { } number ? Format(number) : value;

    private static string? Saved(FlowValue value) =>
        value.Number is { } number ? Format(number) : value.Text ?? (value.Truth is { } truth ? (truth ? "true" : "false") : null);

    private static string Format(double number) => number.ToString("0.##", CultureInfo.InvariantCulture);

    private static IEnumerable<string>? Choices(FlowStep step) =>
        step.Input is ChoiceInput choices ? choices.Choices.Select(c => c.Label) : null;
}
