using AssistantBot.BotFramework.Schema;
using AssistantBot.BotFramework.Turns;
using AssistantBot.Conversations;
using AssistantBot.Staff;

namespace AssistantBot.Handoff;

public enum LiveOutcome
{
    Done,
    NotFound,
    /// <summary>The request is not in the state the action needs (nobody waiting, someone else connected ...).</summary>
    Conflict,
    /// <summary>The visitor's channel could not be reached.</summary>
    Unreachable,
}

/// <summary>
/// The staff side of a hand-off: claiming, resolving, and the live chat. Messages to the visitor go through the stored
/// conversation reference, so they reach whichever channel the visitor came from (the web chat's Direct Line, Teams
/// through its Connector ...), and changes to the visitor's conversation state are saved with its ETag like any turn.
/// </summary>
public sealed class HandoffCoordinator(
    IHandoffStore store,
    ConversationReferences references,
    ConversationTurnRunner runner,
    BotAdapter adapter,
    HandoffProtector protector,
    IStaffEvents events,
    IAuditLog audit,
    ResponseWindow window,
    TimeProvider clock,
    ILogger<HandoffCoordinator> logger)
{
    public async Task<bool> ClaimAsync(string requestId, StaffAccount member, CancellationToken cancellationToken)
    {
        var claimed = await store.ClaimAsync(requestId, member.Id, clock.GetUtcNow(), cancellationToken);
        if (claimed)
        {
            await RecordAsync(member, "request.claim", requestId, cancellationToken);
        }

        return claimed;
    }

    public async Task<LiveOutcome> ResolveAsync(string requestId, StaffAccount member, CancellationToken cancellationToken)
    {
        var request = await store.FindAsync(requestId, cancellationToken);
        if (request is null)
        {
            return LiveOutcome.NotFound;
        }

        if (request.LiveState == LiveChatState.Connected)
        {
            await EndLiveAsync(requestId, member, cancellationToken);
        }

        if (!await store.ResolveAsync(requestId, member.Id, clock.GetUtcNow(), cancellationToken))
        {
            return LiveOutcome.Conflict;
        }

        await RecordAsync(member, "request.resolve", requestId, cancellationToken);
        return LiveOutcome.Done;
    }

    public async Task AddNoteAsync(string requestId, StaffAccount member, string text, CancellationToken cancellationToken)
    {
        await store.AddNoteAsync(requestId, new HandoffNote(clock.GetUtcNow(), member.Id, protector.ProtectText(text)), cancellationToken);
        await RecordAsync(member, "request.note", requestId, cancellationToken);
    }

    /// <summary>Connects the staff member with a visitor who is waiting in the chat.</summary>
    public async Task<LiveOutcome> AcceptLiveAsync(string requestId, StaffAccount member, CancellationToken cancellationToken)
    {
        var request = await store.FindAsync(requestId, cancellationToken);
        if (request is null)
        {
            return LiveOutcome.NotFound;
        }

        if (!await store.ClaimAsync(requestId, member.Id, clock.GetUtcNow(), cancellationToken) ||
            !await store.SetLiveStateAsync(requestId, LiveChatState.Waiting, LiveChatState.Connected, member.Id, null, cancellationToken))
        {
            return LiveOutcome.Conflict;
        }

        var reached = await UpdateVisitorAsync(request, turn =>
        {
            turn.Conversation.Handoff.Live = LiveChatState.Connected;
            turn.Conversation.Handoff.StaffFirstName = member.FirstName;
            turn.Reply($"You're now chatting with {member.FirstName}, a patient advocate.");
        }, cancellationToken);
        await RecordAsync(member, "live.accept", requestId, cancellationToken);
        return reached ? LiveOutcome.Done : LiveOutcome.Unreachable;
    }

    public async Task<LiveOutcome> SendLiveAsync(string requestId, StaffAccount member, string text, CancellationToken cancellationToken)
    {
        var request = await store.FindAsync(requestId, cancellationToken);
        if (request is null)
        {
            return LiveOutcome.NotFound;
        }

        if (request.LiveState != LiveChatState.Connected || request.LiveStaffId != member.Id)
        {
            return LiveOutcome.Conflict;
        }

        await store.AddMessageAsync(requestId, LiveSender.Staff, member.Id, clock.GetUtcNow(), protector.ProtectText(text), cancellationToken);
        await events.PublishAsync(new StaffEvent("message", requestId), cancellationToken);
        var reference = await references.FindAsync(request.ChannelId, request.ConversationId, cancellationToken);
        if (reference is null)
        {
            return LiveOutcome.Unreachable;
        }

        try
        {
            await adapter.ContinueConversationAsync(reference, (turn, _) =>
            {
                // Plain text: what staff type is shown as typed.
                turn.Send(new Activity { Type = ActivityTypes.Message, Text = $"{member.FirstName}: {text}", TextFormat = "plain" });
                return Task.CompletedTask;
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("A staff message could not be delivered: {ExceptionType}", ex.GetType().Name);
            return LiveOutcome.Unreachable;
        }

        await RecordAsync(member, "live.message", requestId, cancellationToken);
        return LiveOutcome.Done;
    }

    public async Task<LiveOutcome> EndLiveAsync(string requestId, StaffAccount member, CancellationToken cancellationToken)
    {
        var request = await store.FindAsync(requestId, cancellationToken);
        if (request is null)
        {
            return LiveOutcome.NotFound;
        }

        if (!await store.SetLiveStateAsync(requestId, LiveChatState.Connected, LiveChatState.Ended, null, null, cancellationToken))
        {
            return LiveOutcome.Conflict;
        }

        var reached = await UpdateVisitorAsync(request, turn =>
        {
            var name = turn.Conversation.Handoff.StaffFirstName ?? member.FirstName;
            turn.Conversation.Handoff.Live = LiveChatState.None;
            turn.Conversation.Handoff.StaffFirstName = null;
            turn.Reply($"{name} has left the chat. I'm the virtual assistant again: ask me a question, or say \"Patient Advocate\" at any time.",
                ["Patient Advocate", "Help"]);
        }, cancellationToken);
        await events.PublishAsync(new StaffEvent("queue", requestId), cancellationToken);
        await RecordAsync(member, "live.end", requestId, cancellationToken);
        return reached ? LiveOutcome.Done : LiveOutcome.Unreachable;
    }

    /// <summary>Tells visitors whose live-chat offer nobody accepted in time that their request is in the queue.</summary>
    public async Task ExpireLiveOffersAsync(CancellationToken cancellationToken)
    {
        foreach (var request in await store.ExpiredLiveOffersAsync(clock.GetUtcNow(), cancellationToken))
        {
            // Whoever flips the state tells the visitor, so with several instances it is said once.
            if (!await store.SetLiveStateAsync(request.Id, LiveChatState.Waiting, LiveChatState.None, null, null, cancellationToken))
            {
                continue;
            }

            var promise = window.PromiseFor(request.CreatedAt);
            await UpdateVisitorAsync(request, turn =>
            {
                if (turn.Conversation.Handoff.Live == LiveChatState.Waiting)
                {
                    turn.Conversation.Handoff.Live = LiveChatState.None;
                    turn.Reply($"No patient advocate was free to chat just now. Your request {request.Reference} is in the queue: {promise.Sentence}");
                }
            }, cancellationToken);
            await events.PublishAsync(new StaffEvent("queue", request.Id), cancellationToken);
        }
    }

    /// <summary>Runs a stateful turn in the visitor's conversation (load, change, save with ETag, then send).</summary>
    private async Task<bool> UpdateVisitorAsync(HandoffRequest request, Action<AssistantTurn> change, CancellationToken cancellationToken)
    {
        var reference = await references.FindAsync(request.ChannelId, request.ConversationId, cancellationToken);
        if (reference is null)
        {
            return false;
        }

        try
        {
            await adapter.ContinueConversationAsync(reference, (turn, ct) => runner.RunAsync(turn, (t, _) =>
            {
                change(t);
                return Task.CompletedTask;
            }, ct), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("The visitor's conversation could not be reached: {ExceptionType}", ex.GetType().Name);
            return false;
        }
    }

    private async Task RecordAsync(StaffAccount member, string action, string requestId, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(new AuditEntry(clock.GetUtcNow(), member.Id, action, requestId), cancellationToken);
        await events.PublishAsync(new StaffEvent("queue", requestId), cancellationToken);
    }
}
