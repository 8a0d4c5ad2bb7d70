namespace AssistantBot.Dialogs.Model;

/// <summary>Where a dialog was written, so that problems found after parsing can still name the file and the line.</summary>
public sealed record DialogOrigin(string File, int Line)
{
    public override string ToString() => $"{File}, line {Line}";
}
