namespace AssistantBot.Dialogs.Model;

/// <summary>Every dialog loaded from the dialogs directory: one consistent, validated set, replaced whole on a reload.</summary>
public sealed record DialogSet(
    WelcomeDialog Welcome,
    CommandSet Commands,
    SafetyRules Safety,
    IReadOnlyList<FaqDialog> Faqs,
    IReadOnlyList<FlowDialog> Flows)
{
    public FlowDialog? FindFlow(string id) => Flows.FirstOrDefault(f => f.Id == id);

    public FaqDialog? FindFaq(string id) => Faqs.FirstOrDefault(f => f.Id == id);
}
