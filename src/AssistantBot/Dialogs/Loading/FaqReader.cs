using AssistantBot.Dialogs.Model;

namespace AssistantBot.Dialogs.Loading;

/// <summary>Reads a <c>kind: faq</c> document.</summary>
public static class FaqReader
{
    public static FaqDialog? Read(YamlFields fields, ISourceCatalog sources)
    {
        var id = fields.Id();
        var triggers = fields.Texts("triggers");
        var answer = fields.Text("answer");
        var cited = fields.Sources(sources);
        var suggestions = fields.Texts("suggestions", required: false);
        fields.RejectUnknownKeys();
        return id is null || answer is null || cited.Count == 0 || triggers.Count == 0
            ? null
            : new FaqDialog(id, triggers, answer, cited, suggestions, new DialogOrigin(fields.Errors.File, fields.Line));
    }
}
