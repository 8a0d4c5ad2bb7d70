namespace AssistantBot.Dialogs.Model;

/// <summary>
/// A red-flag symptom and its wordings. A strict flag is an emergency even when negated or asked about in general
/// (thoughts of suicide or self-harm): offering a crisis line needlessly is a cheap mistake, missing it is not.
/// </summary>
public sealed record RedFlag(string Id, string Name, IReadOnlyList<string> Phrases, bool Strict, DialogOrigin Origin);

/// <summary>
/// How a negation is recognised: a cue within <see cref="Window"/> words before a phrase, in the same clause,
/// unless one of <see cref="Exceptions"/> follows the cue in that clause ("can't stop coughing up blood",
/// "never had chest pain until today").
/// </summary>
public sealed record NegationRules(IReadOnlyList<string> Cues, int Window, IReadOnlyList<string> Exceptions, IReadOnlyList<string> ClauseBreaks);

/// <summary>
/// How a message is told to be a general question rather than a report: it starts like a question and names no one
/// (no "I", "my", "my husband" ...).
/// </summary>
public sealed record QuestionRules(IReadOnlyList<string> Starts, IReadOnlyList<string> PersonalWords);

/// <summary>The red flags, the replies they trigger, and the rules that read a message for them.</summary>
public sealed record SafetyRules(
    string EmergencyText,
    string AdvocateOffer,
    string MentionNote,
    IReadOnlyList<string> Suggestions,
    IReadOnlyList<RedFlag> RedFlags,
    NegationRules Negation,
    QuestionRules Questions,
    IReadOnlyDictionary<string, string> Contractions,
    int MaxGap,
    DialogOrigin Origin);
