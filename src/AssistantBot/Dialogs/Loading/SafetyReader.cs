using AssistantBot.Dialogs.Model;

namespace AssistantBot.Dialogs.Loading;

/// <summary>
/// Reads the <c>kind: safety</c> document. The emergency reply must name 911 and 988, so an edit cannot drop the
/// numbers that matter most.
/// </summary>
public static class SafetyReader
{
    public static SafetyRules? Read(YamlFields fields)
    {
        var emergency = fields.Text("emergency");
        var advocateOffer = fields.Text("advocate_offer");
        var mentionNote = fields.Text("mention_note");
        var suggestions = fields.Texts("suggestions");
        var maxGap = fields.Number("max_gap") ?? 0;
        var contractions = fields.TextMap("contractions", required: false);
        var negation = fields.Map("negation", $"'negation' of {fields.What}") is { } n ? ReadNegation(n) : null;
        var questions = fields.Map("questions", $"'questions' of {fields.What}") is { } q ? ReadQuestions(q) : null;
        var flags = fields.Maps("red_flags", (i, map) => $"red flag {i} of {fields.What}").Select(ReadFlag).OfType<RedFlag>().ToList();
        fields.RejectUnknownKeys();

        foreach (var number in new[] { "911", "988" })
        {
            if (emergency is not null && !emergency.Contains(number, StringComparison.Ordinal))
            {
                fields.Errors.Add(fields.Line, $"'emergency' of {fields.What} must tell people to call {number}");
            }
        }

        if (maxGap is < 0 or > 5 || maxGap != Math.Floor(maxGap))
        {
            fields.Errors.Add(fields.Line, $"'max_gap' of {fields.What} must be a whole number from 0 to 5");
        }

        foreach (var duplicate in flags.GroupBy(f => f.Id).Where(g => g.Count() > 1))
        {
            fields.Errors.Add(duplicate.Last().Origin.Line, $"the red flag id '{duplicate.Key}' is used twice");
        }

        return emergency is null || advocateOffer is null || mentionNote is null || negation is null || questions is null || fields.Errors.Errors.Count > 0
            ? null
            : new SafetyRules(emergency, advocateOffer, mentionNote, suggestions, flags, negation, questions, contractions, (int)maxGap, new DialogOrigin(fields.Errors.File, fields.Line));
    }

    private static NegationRules? ReadNegation(YamlFields fields)
    {
        var cues = fields.Texts("cues");
        var window = fields.Number("window", required: true);
        var exceptions = fields.Texts("exceptions", required: false);
        var breaks = fields.Texts("clause_breaks", required: false);
        fields.RejectUnknownKeys();
        if (window is < 1 or > 6)
        {
            fields.Errors.Add(fields.Line, $"'window' of {fields.What} must be from 1 to 6 words");
        }

        return window is null ? null : new NegationRules(cues, (int)window, exceptions, breaks);
    }

    private static QuestionRules ReadQuestions(YamlFields fields)
    {
        var starts = fields.Texts("starts");
        var personal = fields.Texts("personal_words");
        fields.RejectUnknownKeys();
        return new QuestionRules(starts, personal);
    }

    private static RedFlag? ReadFlag(YamlFields fields)
    {
        var id = fields.Id();
        var name = fields.Text("name");
        var phrases = fields.Texts("phrases");
        var strict = fields.Flag("strict") ?? false;
        fields.RejectUnknownKeys();
        return id is null || name is null || phrases.Count == 0
            ? null
            : new RedFlag(id, name, phrases, strict, new DialogOrigin(fields.Errors.File, fields.Line));
    }
}
