namespace AssistantBot.Assistant;

/// <summary>The fixed sentences the assistant says about itself (never about medicine).</summary>
public static class AssistantText
{
    public const string PatientAdvocate = "Patient Advocate";
    public const string Help = "Help";

    public const string Disclaimer =
        "This assistant is for education only, not a substitute for your care team. It does not give medical advice.";

    public const string TryAgainLater =
        "Sorry, I can't reach my records right now. Please try again in a moment.";

    public const string SendAgain =
        "Sorry, I was still handling your previous message. Please send that again.";

    public const string SomethingWentWrong =
        "Sorry, something went wrong on my side, so I've started our conversation over. You can ask your question again, or say \"Patient Advocate\" to have a trained care coordinator reach out to you.";
}
