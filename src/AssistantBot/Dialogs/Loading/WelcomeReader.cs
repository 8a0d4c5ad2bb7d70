using AssistantBot.Assistant;
using AssistantBot.Dialogs.Model;

namespace AssistantBot.Dialogs.Loading;

/// <summary>
/// Reads the <c>kind: welcome</c> document. The greeting must carry the educational-use disclaimer and offer the
/// Patient Advocate: an editor cannot remove either by accident.
/// </summary>
public static class WelcomeReader
{
    public const string RequiredDisclaimer = "for education only, not a substitute for your care team";

    public static WelcomeDialog? Read(YamlFields fields)
    {
        var text = fields.Text("text");
        var returning = fields.Text("returning", required: false);
        var afterIdle = fields.Text("after_idle");
        var suggestions = fields.Texts("suggestions");
        fields.RejectUnknownKeys();

        if (text is not null && !text.Contains(RequiredDisclaimer, StringComparison.OrdinalIgnoreCase))
        {
            fields.Errors.Add(fields.Line, $"'text' of {fields.What} must include the disclaimer \"{RequiredDisclaimer}\"");
        }

        if (returning is not null && !returning.Contains(RequiredDisclaimer, StringComparison.OrdinalIgnoreCase))
        {
            fields.Errors.Add(fields.Line, $"'returning' of {fields.What} must include the disclaimer \"{RequiredDisclaimer}\"");
        }

        if (suggestions.Count > 0 && !suggestions.Contains(AssistantText.PatientAdvocate, StringComparer.OrdinalIgnoreCase))
        {
            fields.Errors.Add(fields.Line, $"'suggestions' of {fields.What} must include \"{AssistantText.PatientAdvocate}\"");
        }

        return text is null || afterIdle is null || suggestions.Count == 0
            ? null
            : new WelcomeDialog(text, returning, afterIdle, suggestions, new DialogOrigin(fields.Errors.File, fields.Line));
    }
}
