using AssistantBot.Handoff;

namespace AssistantBot.Staff;

/// <summary>A row of the queue: no contact details, which are shown only when a request is opened (and audited).</summary>
public sealed record QueueItem(
    string Id, string Reference, string Status, DateTimeOffset CreatedAt, DateTimeOffset DueBy,
    string? ClaimedBy, string Live, string ChannelId);

public sealed record ContactView(string Name, string? Phone, string? Email, string BestTime, string? Topic);

public sealed record LineView(DateTimeOffset At, string From, string Text);

public sealed record MessageView(long Sequence, DateTimeOffset At, string Sender, string? By, string Text);

public sealed record RequestView(
    QueueItem Request, ContactView Contact, bool TranscriptConsent, IReadOnlyList<LineView>? Transcript,
    IReadOnlyList<LineView> Notes, IReadOnlyList<MessageView> Messages, string? HubStatus, bool LiveIsMine);

public sealed record QueueView(DateTimeOffset Now, IReadOnlyList<QueueItem> Requests);

public sealed record MeView(string Id, string Name, string Role, string AntiforgeryToken);

public sealed record TextInput(string? Text);

public sealed record NewStaffInput(string? Email, string? DisplayName, string? Role, string? Password);

public sealed record StaffView(string Id, string Email, string DisplayName, string Role, bool Disabled, DateTimeOffset? LastSeenAt);

public sealed record AuditView(DateTimeOffset At, string By, string Action, string? Target);
