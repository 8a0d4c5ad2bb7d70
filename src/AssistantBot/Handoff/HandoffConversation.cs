using System.Text.Json.Nodes;
using AssistantBot.BotFramework.Schema;
using AssistantBot.Conversations;
using AssistantBot.Staff;
using Microsoft.Extensions.Options;

namespace AssistantBot.Handoff;

/// <summary>
/// The visitor's side of the hand-off, as the router sees it: starting the intake when a visitor asks for a Patient
/// Advocate, taking the turn while the intake runs or while a staff member is connected, and sending the request.
/// </summary>
public sealed class HandoffConversation(
    IntakeFlow intake,
    IHandoffStore store,
    IStaffStore staff,
    IStaffEvents events,
    HandoffProtector protector,
    HandoffTranscripts transcripts,
    ResponseWindow window,
    IOptions<HandoffOptions> options,
    ILogger<HandoffConversation> logger)
{
    public const string InitiateEventName = "handoff.initiate";
    public const string StatusEventName = "handoff.status";

    public Task StartAsync(AssistantTurn turn, CancellationToken cancellationToken)
    {
        var state = turn.Conversation.Handoff;
        if (state.Live == LiveChatState.Connected)
        {
            turn.Reply($"You're already chatting with {state.StaffFirstName}, a patient advocate.");
            return Task.CompletedTask;
        }

        intake.Start(turn, state);
        return Task.CompletedTask;
    }

    /// <summary>True when the hand-off took the turn: an intake answer, or a message to the connected staff member.</summary>
    public async Task<bool> TryHandleAsync(AssistantTurn turn, CancellationToken cancellationToken)
    {
        var state = turn.Conversation.Handoff;
        if (state.Live == LiveChatState.Connected && state.RequestId is { } requestId)
        {
            if (turn.Text.Length > 0)
            {
                await store.AddMessageAsync(requestId, LiveSender.Visitor, null, turn.Now,
                    protector.ProtectText(ContactValidation.Clean(turn.Text, 4000)), cancellationToken);
                await events.PublishAsync(new StaffEvent("message", requestId), cancellationToken);
            }

            return true; // the bot stays quiet while a person is connected
        }

        if (!state.InIntake)
        {
            if (state.Reference is { } reference && string.Equals(turn.Text, IntakeText.SendRequest, StringComparison.OrdinalIgnoreCase))
            {
                // A second "Send request" (a double click, a stale button): the request exists once already.
                turn.Reply($"Your request {reference} has already been sent to our patient advocates.");
                return true;
            }

            return false;
        }

        if (turn.EmergencyReplied)
        {
            // An emergency is not an answer to "what is your name?": the guidance went first; the intake waits.
            intake.Repeat(turn, state);
            return true;
        }

        if (intake.Answer(turn, state) is { } confirmed)
        {
            await SendRequestAsync(turn, state, confirmed, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// A contact-center hub's answer to <c>handoff.initiate</c>: accepted, failed or completed. It is always accepted
    /// (never rejected, as the protocol asks) and recorded on the request for staff to see. If the hub failed, the
    /// request is still in the advocates' queue, and the visitor is told so.
    /// </summary>
    public async Task OnHubStatusAsync(AssistantTurn turn, CancellationToken cancellationToken)
    {
        var hubState = turn.Activity.Value?["state"] is JsonValue value && value.TryGetValue(out string? s) ? s : null;
        if (turn.Conversation.Handoff.RequestId is not { } requestId || hubState is not ("accepted" or "failed" or "completed"))
        {
            return;
        }

        await store.SetHubStatusAsync(requestId, hubState, cancellationToken);
        await events.PublishAsync(new StaffEvent("queue", requestId), cancellationToken);
        if (hubState == "failed")
        {
            turn.Reply($"The contact center could not take your request just now. It is still with our patient advocates (reference {turn.Conversation.Handoff.Reference}).");
        }
    }

    private async Task SendRequestAsync(AssistantTurn turn, HandoffState state, HandoffDraft draft, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var promise = window.PromiseFor(turn.Now);
        var transcript = draft.ShareTranscript == true ? await transcripts.ReadAsync(turn.Activity, cancellationToken) : null;
        var staffOnline = await staff.AnyPresentSinceAsync(turn.Now - settings.StaffPresenceTimeout, cancellationToken);
        var contact = new HandoffContact(draft.Name!, draft.Phone, draft.Email, draft.BestTime!, draft.Topic);
        var request = await store.CreateAsync(new HandoffRequest
        {
            Id = ReferenceNumbers.NewId(),
            Reference = ReferenceNumbers.NewReference(),
            IntakeId = state.IntakeId ?? ReferenceNumbers.NewId(),
            ChannelId = turn.Activity.ChannelId!,
            ConversationId = turn.Activity.Conversation!.Id!,
            Status = HandoffStatus.New,
            CreatedAt = turn.Now,
            DueBy = promise.DueBy,
            ProtectedContact = protector.Protect(contact),
            ProtectedTranscript = transcript is null ? null : protector.Protect(transcript),
            TranscriptConsent = draft.ShareTranscript == true,
            LiveState = staffOnline ? LiveChatState.Waiting : LiveChatState.None,
            LiveWaitUntil = staffOnline ? turn.Now + settings.LiveAcceptWindow : null,
        }, cancellationToken);
        logger.LogInformation("Patient Advocate request {Reference} stored", request.Reference);

        // Only now, with the request committed, is the visitor told about it.
        IntakeFlow.Reset(state);
        state.RequestId = request.Id;
        state.Reference = request.Reference;
        state.Live = request.LiveState;
        turn.Reply($"Thank you, your request has been sent. Your reference number is {request.Reference}. {promise.Sentence}");
        turn.Reply(request.LiveState == LiveChatState.Waiting
            ? $"A patient advocate is online now. If one is free in the next {Minutes(settings.LiveAcceptWindow)}, they will join this chat. Meanwhile you can keep asking me questions."
            : "Meanwhile, you can keep asking me questions here.");
        await events.PublishAsync(new StaffEvent("queue", request.Id), cancellationToken);

        if (settings.SendHandoffInitiateEvent && turn.Activity.ChannelId != Channels.DirectLine)
        {
            turn.Reply(InitiateEvent(turn.Activity, request, transcript));
        }
    }

    /// <summary>The event a contact-center hub on Azure Bot Service reads to route the visitor to a person.</summary>
    private static Activity InitiateEvent(Activity inbound, HandoffRequest request, List<TranscriptLine>? transcript)
    {
        var initiate = new Activity
        {
            Type = ActivityTypes.Event,
            Name = InitiateEventName,
            From = inbound.From,
            ReplyToId = inbound.Id,
            Value = new JsonObject { ["reference"] = request.Reference, ["dueBy"] = request.DueBy.ToString("O") },
        };
        if (transcript is not null)
        {
            var activities = new JsonArray([.. transcript.Select(l => (JsonNode)new JsonObject
            {
                ["type"] = ActivityTypes.Message,
                ["timestamp"] = l.At.ToString("O"),
                ["from"] = new JsonObject { ["role"] = l.From == "Visitor" ? RoleTypes.User : RoleTypes.Bot },
                ["text"] = l.Text,
            })]);
            initiate.Attachments = [new Attachment { ContentType = "application/json", Name = "Transcript", Content = new JsonObject { ["activities"] = activities } }];
        }

        return initiate;
    }

    private static string Minutes(TimeSpan span) => span.TotalMinutes == 1 ? "minute" : $"{span.TotalMinutes:0} minutes";
}
