namespace AssistantBot.Dialogs.State;

/// <summary>
/// What the assistant remembers about a visitor across conversations: only enough to welcome them back.
/// No answers, no contact details (those belong to the hand-off, with consent).
/// </summary>
public sealed class UserData
{
    public DateTimeOffset? FirstSeenAt { get; set; }

    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>The conversation the visitor was last greeted in; a greeting in another one is a return visit.</summary>
    public string? LastConversationId { get; set; }
}
