namespace AssistantBot.Knowledge.Answering;

/// <summary>The fixed sentences around answers. None of them says anything about medicine.</summary>
public static class KnowledgeText
{
    public const string SourcePrefix = "Source: ";
    public const string WasThisHelpful = "Was this helpful?";
    public const string Yes = "Yes";
    public const string No = "No";

    public const string NotCovered =
        "I'm sorry, my sources don't cover that, so I can't answer it reliably. " +
        "A patient advocate can help: say \"Patient Advocate\" to have a trained care coordinator reach out to you.";

    public const string NoQuestion =
        "Could you tell me a little more about what you'd like to know? " +
        "I can share published information about metastatic lung cancer: what it is, where it spreads, symptoms, tests, treatment and outlook.";

    public const string TooLong =
        "That's a long message, more than I can search well. Could you ask one question in a sentence or two? " +
        "Or say \"Patient Advocate\" to have a trained care coordinator reach out to you.";

    public const string ThanksHelpful = "Thank you for letting me know.";

    public const string ThanksNotHelpful =
        "Thank you for telling me; it helps us improve these answers. " +
        "If you'd like to talk it through with a person, say \"Patient Advocate\".";

    /// <summary>Questions to try, offered when a message had nothing to search for.</summary>
    public static readonly string[] ExampleQuestions =
    [
        "What is stage 4 lung cancer?",
        "Where does lung cancer spread?",
        "What are the treatment options?",
    ];
}
