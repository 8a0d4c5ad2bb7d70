namespace AssistantBot.Handoff;

/// <summary>What the intake says. Plain words, nothing medical; visitors' own answers are echoed as plain text.</summary>
public static class IntakeText
{
    public const string Cancel = "Cancel";
    public const string Skip = "Skip";
    public const string SendRequest = "Send request";
    public const string Edit = "Edit";
    public const string ShareYes = "Yes, and share this conversation";
    public const string ShareNo = "Yes, but don't share the conversation";
    public const string ConsentNo = "No, don't contact me";

    public const string Intro =
        "I can ask a patient advocate, a trained care coordinator, to contact you. I'll ask for your name, how to reach you " +
        "and a good time, then show you a summary before anything is sent. You can say \"cancel\" at any time.";

    public const string AskName = "What is your name?";
    public const string AskNameAgain = "Please tell me the name the advocate should ask for (up to 100 characters).";
    public const string AskContact = "How should the advocate reach you? Type a phone number or an e-mail address.";
    public const string AskContactAgain =
        "That doesn't look like a phone number or an e-mail address. Please type something like (555) 123-4567 or name@example.com.";
    public const string AskBestTime = "When is a good time to reach you?";
    public const string AskBestTimeAgain = "Please choose a time, or type one in a few words.";
    public const string AskTopic = "What would you like to talk about? This is optional: you can skip it.";
    public const string AskConsent =
        "May a patient advocate contact you, and may we share this conversation with the care team so you don't have to repeat yourself?";
    public const string AskConsentAgain = "Please choose one of the options.";
    public const string AskEdit = "What would you like to change?";
    public const string Cancelled = "All right, I've cancelled the request and nothing was sent. You can say \"Patient Advocate\" again at any time.";
    public const string NoConsent =
        "All right, I won't send a request, and nothing was stored. If you change your mind, say \"Patient Advocate\" at any time.";
    public const string AfterInterruption =
        "Your request for a patient advocate is still open. When you are able to, please answer the question below, or say \"cancel\".";
    public const string Help =
        "I'm collecting a few details so a patient advocate can contact you. Answer the question above, or say \"cancel\" to stop.";

    public static readonly string[] BestTimes = ["Morning", "Afternoon", "Evening", "Any time"];
    public static readonly string[] EditChoices = ["Name", "Contact", "Best time", "Topic", "Sharing", Cancel];
}
