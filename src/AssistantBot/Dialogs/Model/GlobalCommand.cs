namespace AssistantBot.Dialogs.Model;

/// <summary>The things a visitor can say at any point of a conversation.</summary>
public enum CommandKind
{
    Help,
    StartOver,
    Cancel,
    PatientAdvocate,
    Resume,
}

/// <summary>
/// A command and the ways of saying it. <see cref="Phrases"/> must be the whole message (give or take filler words);
/// <see cref="ContainedPhrases"/> are unmistakable enough to count anywhere in a message ("talk to a person").
/// <see cref="Declines"/> is used by <see cref="CommandKind.Resume"/> only: the answers that mean "no, don't carry on".
/// </summary>
public sealed record GlobalCommand(
    CommandKind Kind,
    IReadOnlyList<string> Phrases,
    IReadOnlyList<string> ContainedPhrases,
    IReadOnlyList<string> Declines,
    string Reply,
    string? ReplyWhenNothingToDo,
    IReadOnlyList<string> Suggestions,
    DialogOrigin Origin);

/// <summary>All global commands, and the polite words that may surround one ("help please").</summary>
public sealed record CommandSet(IReadOnlyList<GlobalCommand> Commands, IReadOnlyList<string> Fillers, DialogOrigin Origin)
{
    public GlobalCommand this[CommandKind kind] => Commands.First(c => c.Kind == kind);
}
