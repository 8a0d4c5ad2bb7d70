namespace AssistantBot.Handoff;

/// <summary>Where a visitor is in the intake.</summary>
public enum IntakeStep
{
    None,
    Name,
    Contact,
    BestTime,
    Topic,
    Consent,
    Summary,
    ChooseEdit,
}

/// <summary>
/// The hand-off part of a conversation's saved state. Answers given during the intake are kept encrypted
/// (<see cref="ProtectedDraft"/>) from the first one, since the state store is not encrypted.
/// </summary>
public sealed class HandoffState
{
    public string? IntakeId { get; set; }
    public IntakeStep Step { get; set; }

    /// <summary>When editing from the summary, the intake returns to the summary after the changed answer.</summary>
    public bool Editing { get; set; }

    public byte[]? ProtectedDraft { get; set; }

    /// <summary>The request this conversation created, once confirmed.</summary>
    public string? RequestId { get; set; }

    public string? Reference { get; set; }

    public LiveChatState Live { get; set; }

    public string? StaffFirstName { get; set; }

    public bool InIntake => Step != IntakeStep.None;
}

/// <summary>The intake's answers so far.</summary>
public sealed record HandoffDraft
{
    public string? Name { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? BestTime { get; init; }
    public string? Topic { get; init; }
    public bool? ShareTranscript { get; init; }

    public string? HowToReach => Phone ?? Email;
}
