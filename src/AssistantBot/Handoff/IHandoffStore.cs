namespace AssistantBot.Handoff;

/// <summary>
/// Hand-off requests, staff notes and live-chat messages. A request is written durably before the visitor is told it
/// exists, and one intake can only ever produce one request (a second confirmation returns the first).
/// </summary>
public interface IHandoffStore
{
    /// <summary>Stores the request, or returns the one already stored for its <see cref="HandoffRequest.IntakeId"/>.</summary>
    Task<HandoffRequest> CreateAsync(HandoffRequest request, CancellationToken cancellationToken);

    Task<HandoffRequest?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>The newest request of a conversation, to resume live chat or tell the visitor about it.</summary>
    Task<HandoffRequest?> FindLatestForConversationAsync(string channelId, string conversationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<HandoffRequest>> ListAsync(IReadOnlyCollection<HandoffStatus> statuses, int max, CancellationToken cancellationToken);

    /// <summary>Claims a new request (or re-claims one already claimed by the same staff member); false when someone else has it.</summary>
    Task<bool> ClaimAsync(string id, string staffId, DateTimeOffset at, CancellationToken cancellationToken);

    Task<bool> ResolveAsync(string id, string staffId, DateTimeOffset at, CancellationToken cancellationToken);

    Task<bool> SetLiveStateAsync(string id, LiveChatState expected, LiveChatState state, string? staffId, DateTimeOffset? waitUntil, CancellationToken cancellationToken);

    Task SetHubStatusAsync(string id, string status, CancellationToken cancellationToken);

    /// <summary>Requests whose live-chat offer expired unanswered.</summary>
    Task<IReadOnlyList<HandoffRequest>> ExpiredLiveOffersAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task AddNoteAsync(string id, HandoffNote note, CancellationToken cancellationToken);

    Task<IReadOnlyList<HandoffNote>> NotesAsync(string id, CancellationToken cancellationToken);

    Task<LiveMessage> AddMessageAsync(string id, LiveSender sender, string? staffId, DateTimeOffset at, byte[] protectedText, CancellationToken cancellationToken);

    Task<IReadOnlyList<LiveMessage>> MessagesAsync(string id, long afterSequence, CancellationToken cancellationToken);
}
