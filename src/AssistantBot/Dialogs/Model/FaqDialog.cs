namespace AssistantBot.Dialogs.Model;

/// <summary>
/// A frequent question: the phrasings that should find it, an answer written in plain words from a corpus document
/// (or a few) and citing them, and the follow-up questions offered as suggested actions.
/// </summary>
public sealed record FaqDialog(
    string Id,
    IReadOnlyList<string> Triggers,
    string Answer,
    IReadOnlyList<SourceDocument> Sources,
    IReadOnlyList<string> Suggestions,
    DialogOrigin Origin);
