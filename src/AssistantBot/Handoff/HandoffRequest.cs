namespace AssistantBot.Handoff;

public enum HandoffStatus
{
    New,
    Claimed,
    Resolved,
}

/// <summary>Whether the visitor is talking to a person right now.</summary>
public enum LiveChatState
{
    None,
    /// <summary>Offered to signed-in advocates; the visitor waits until the accept window closes.</summary>
    Waiting,
    Connected,
    Ended,
}

/// <summary>What the visitor told us; kept encrypted at rest, decrypted only for staff who open the request.</summary>
public sealed record HandoffContact(string Name, string? Phone, string? Email, string BestTime, string? Topic)
{
    public string HowToReach => Phone ?? Email ?? string.Empty;

    public string FirstName => Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? Name;
}

/// <summary>One line of a conversation shown to staff.</summary>
public sealed record TranscriptLine(DateTimeOffset At, string From, string Text);

/// <summary>A confirmed Patient Advocate request. Contact details and transcript stay encrypted in <see cref="ProtectedContact"/> and <see cref="ProtectedTranscript"/>.</summary>
public sealed record HandoffRequest
{
    public required string Id { get; init; }
    public required string Reference { get; init; }
    public required string IntakeId { get; init; }
    public required string ChannelId { get; init; }
    public required string ConversationId { get; init; }
    public required HandoffStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset DueBy { get; init; }
    public string? ClaimedBy { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public required byte[] ProtectedContact { get; init; }
    public byte[]? ProtectedTranscript { get; init; }
    public bool TranscriptConsent { get; init; }
    public LiveChatState LiveState { get; init; }
    public string? LiveStaffId { get; init; }
    public DateTimeOffset? LiveWaitUntil { get; init; }
    public string? HubStatus { get; init; }
}

public sealed record HandoffNote(DateTimeOffset At, string StaffId, byte[] ProtectedText);

public enum LiveSender
{
    Visitor,
    Staff,
    System,
}

public sealed record LiveMessage(long Sequence, DateTimeOffset At, LiveSender Sender, string? StaffId, byte[] ProtectedText);
