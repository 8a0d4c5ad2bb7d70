using System.Text.Json.Nodes;
using AssistantBot.BotFramework.Schema;

namespace AssistantBot.Knowledge.Answering;

/// <summary>
/// The Adaptive Card that carries an answer on channels that render cards: the passage's words, the source, and
/// "Was this helpful?" buttons. The buttons submit <see cref="AnswerFeedbackValue"/> data, which comes back as a
/// message whose <c>value</c> the responder recognises.
/// </summary>
public static class AnswerCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public static Attachment Create(KnowledgeAnswer answer, string question)
    {
        var body = new JsonArray();
        foreach (var line in answer.Text.Split('\n'))
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = line, ["wrap"] = true, ["spacing"] = "Small" });
        }

        body.Add(new JsonObject
        {
            ["type"] = "TextBlock", ["text"] = KnowledgeText.SourcePrefix + answer.Source, ["wrap"] = true,
            ["isSubtle"] = true, ["size"] = "Small", ["spacing"] = "Medium",
        });
        body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = KnowledgeText.WasThisHelpful, ["wrap"] = true, ["weight"] = "Bolder", ["spacing"] = "Medium" });

        return new Attachment
        {
            ContentType = ContentType,
            Content = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["version"] = "1.5",
                ["body"] = body,
                ["actions"] = new JsonArray(Button(KnowledgeText.Yes, true, answer, question), Button(KnowledgeText.No, false, answer, question)),
            },
        };
    }

    private static JsonObject Button(string title, bool helpful, KnowledgeAnswer answer, string question) => new()
    {
        ["type"] = "Action.Submit",
        ["title"] = title,
        ["data"] = new AnswerFeedbackValue(helpful, answer.PassageId, answer.Best.Passage.Document.File, answer.Best.Passage.Heading, question).ToJson(),
    };
}

/// <summary>The data a feedback button submits; <see cref="TryRead"/> recognises it in an incoming message's <c>value</c>.</summary>
public sealed record AnswerFeedbackValue(bool Helpful, int PassageId, string Document, string Heading, string Question)
{
    public const string Type = "knowledge/feedback";

    private const int MaxFieldLength = 500;

    public JsonObject ToJson() => new()
    {
        ["type"] = Type,
        ["helpful"] = Helpful,
        ["passageId"] = PassageId,
        ["document"] = Document,
        ["heading"] = Heading,
        ["question"] = Question,
    };

    /// <summary>Reads the submitted data; anything else, or anything malformed, is not feedback.</summary>
    public static AnswerFeedbackValue? TryRead(JsonNode? value)
    {
        if (value is not JsonObject data || (string?)Scalar(data, "type") != Type || Scalar(data, "helpful") is not { } helpful)
        {
            return null;
        }

        try
        {
            return new AnswerFeedbackValue(
                helpful.GetValue<bool>(),
                Scalar(data, "passageId")?.GetValue<int>() ?? 0,
                Clip((string?)Scalar(data, "document")),
                Clip((string?)Scalar(data, "heading")),
                Clip((string?)Scalar(data, "question")));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static JsonValue? Scalar(JsonObject data, string name) => data[name] as JsonValue;

    private static string Clip(string? text) => text is null ? string.Empty : text.Length <= MaxFieldLength ? text : text[..MaxFieldLength];
}
