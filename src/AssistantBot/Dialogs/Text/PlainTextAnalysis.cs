namespace AssistantBot.Dialogs.Text;

/// <summary>Words as they are: exact matching only. Stands in until the knowledge feature's analysis is plugged in.</summary>
public sealed class PlainTextAnalysis : ITextAnalysis
{
    public string NormalizeWord(string word) => word;

    public IReadOnlyList<string> Terms(string text) => Words.Of(text);
}
