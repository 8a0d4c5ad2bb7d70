namespace AssistantBot.Dialogs.Loading;

/// <summary>One problem in the dialog files: the file (relative to the dialogs directory's parent), the line, and what is wrong.</summary>
public sealed record DialogError(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}, line {Line}: {Message}" : $"{File}: {Message}";
}

/// <summary>The dialog files were refused; the message lists every problem, one a line.</summary>
public sealed class InvalidDialogsException(IReadOnlyList<DialogError> errors)
    : Exception("The dialog files are invalid:" + string.Concat(errors.Select(e => Environment.NewLine + "  " + e)))
{
    public IReadOnlyList<DialogError> Errors { get; } = errors;
}

/// <summary>The problems found so far while reading one file.</summary>
public sealed class DialogErrorList(string file)
{
    private readonly List<DialogError> _errors = [];

    public string File { get; } = file;

    public IReadOnlyList<DialogError> Errors => _errors;

    public void Add(int line, string message) => _errors.Add(new DialogError(File, line, message));
}
