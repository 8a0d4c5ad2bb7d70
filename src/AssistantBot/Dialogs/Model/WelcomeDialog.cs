namespace AssistantBot.Dialogs.Model;

/// <summary>What the assistant says when a conversation starts, when a known visitor comes back, and after a long pause.</summary>
public sealed record WelcomeDialog(
    string Text,
    string? ReturningText,
    string AfterIdleText,
    IReadOnlyList<string> Suggestions,
    DialogOrigin Origin);
