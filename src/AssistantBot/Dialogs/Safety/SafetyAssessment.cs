using AssistantBot.Dialogs.Model;

namespace AssistantBot.Dialogs.Safety;

/// <summary>How a message reads against the red flags, from harmless to an emergency.</summary>
public enum SafetyLevel
{
    /// <summary>No red-flag symptom is named.</summary>
    None,

    /// <summary>Red-flag symptoms are named only to deny them ("no chest pain").</summary>
    Negated,

    /// <summary>A general question about a red-flag symptom, naming no one ("what does coughing up blood mean?").</summary>
    Mention,

    /// <summary>Someone reports a red-flag symptom, or it cannot be ruled out that they do.</summary>
    Emergency,
}

/// <param name="Flags">The red flags raised (for a negated message, those denied).</param>
/// <param name="IsQuestion">Whether the message also asks something, which is answered after the emergency guidance.</param>
/// <param name="Question">
/// The part of the message that asks: from the first clause that opens like a question to the end
/// ("I have weak legs, what is spinal cord compression?" → "what is spinal cord compression"); else the whole message.
/// </param>
public sealed record SafetyAssessment(SafetyLevel Level, IReadOnlyList<RedFlag> Flags, bool IsQuestion, string Question);
