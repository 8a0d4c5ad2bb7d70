using AssistantBot.Handoff;
using AssistantBot.Storage.Postgres;
using AssistantBot.Storage.Sqlite;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Storage;

/// <summary>What every <see cref="IHandoffStore"/> and <see cref="IWebhookOutbox"/> must do; each backend runs the same suite.</summary>
public abstract class HandoffStoreContractTests
{
    // Whole milliseconds: the finest both backends keep.
    private static readonly DateTimeOffset Start = new(2025, 5, 6, 14, 30, 15, 123, TimeSpan.Zero);

    protected abstract IHandoffStore Store { get; }

    protected abstract IWebhookOutbox Outbox { get; }

    [Fact]
    public async Task A_request_is_stored_with_every_field()
    {
        var request = NewRequest() with { ProtectedTranscript = [9, 8, 7], TranscriptConsent = true, LiveState = LiveChatState.Waiting, LiveWaitUntil = Start.AddMinutes(2) };

        Assert.Same(request, await Store.CreateAsync(request, default));

        var found = (await Store.FindAsync(request.Id, default))!;
        Assert.Equal(request.Reference, found.Reference);
        Assert.Equal(request.IntakeId, found.IntakeId);
        Assert.Equal(request.ChannelId, found.ChannelId);
        Assert.Equal(request.ConversationId, found.ConversationId);
        Assert.Equal(HandoffStatus.New, found.Status);
        Assert.Equal(request.CreatedAt, found.CreatedAt);
        Assert.Equal(request.DueBy, found.DueBy);
        Assert.Equal(request.ProtectedContact, found.ProtectedContact);
        Assert.Equal(request.ProtectedTranscript, found.ProtectedTranscript);
        Assert.True(found.TranscriptConsent);
        Assert.Equal(LiveChatState.Waiting, found.LiveState);
        Assert.Equal(request.LiveWaitUntil, found.LiveWaitUntil);
        Assert.Null(found.ClaimedBy);
        Assert.Null(found.ClaimedAt);
        Assert.Null(found.ResolvedAt);
        Assert.Null(found.LiveStaffId);
        Assert.Null(found.HubStatus);
        Assert.Null(await Store.FindAsync("no-such-request", default));
    }

    [Fact]
    public async Task Confirming_the_same_intake_again_returns_the_first_request_and_announces_it_once()
    {
        var first = NewRequest();
        await Store.CreateAsync(first, default);

        var again = await Store.CreateAsync(NewRequest() with { IntakeId = first.IntakeId, ConversationId = first.ConversationId }, default);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Reference, again.Reference);
        Assert.Single(await DueForAsync(first.ConversationId));
    }

    [Fact]
    public async Task Concurrent_confirmations_of_one_intake_produce_one_request()
    {
        var intake = Guid.NewGuid().ToString("N");
        var conversation = Guid.NewGuid().ToString("N");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => Store.CreateAsync(NewRequest() with { IntakeId = intake, ConversationId = conversation }, default))));

        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Single(await DueForAsync(conversation));
    }

    [Fact]
    public async Task The_latest_request_of_a_conversation_is_found()
    {
        var older = NewRequest();
        var newer = NewRequest() with { ConversationId = older.ConversationId, CreatedAt = Start.AddMinutes(5) };
        await Store.CreateAsync(older, default);
        await Store.CreateAsync(newer, default);

        Assert.Equal(newer.Id, (await Store.FindLatestForConversationAsync("directline", older.ConversationId, default))!.Id);
        Assert.Null(await Store.FindLatestForConversationAsync("msteams", older.ConversationId, default));
    }

    [Fact]
    public async Task The_queue_lists_requests_by_status_newest_first()
    {
        var created = new List<HandoffRequest>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await Store.CreateAsync(NewRequest() with { CreatedAt = Start.AddYears(50).AddMinutes(i) }, default));
        }

        await Store.ResolveAsync(created[1].Id, "staff-1", Start, default);

        var open = await Store.ListAsync([HandoffStatus.New, HandoffStatus.Claimed], 2, default);
        Assert.Equal([created[2].Id, created[0].Id], open.Select(r => r.Id));
        var resolved = await Store.ListAsync([HandoffStatus.Resolved], 100, default);
        Assert.Contains(resolved, r => r.Id == created[1].Id);
        Assert.All(resolved, r => Assert.Equal(HandoffStatus.Resolved, r.Status));
    }

    [Fact]
    public async Task A_request_is_claimed_by_one_staff_member_who_may_claim_it_again()
    {
        var request = await Store.CreateAsync(NewRequest(), default);

        Assert.True(await Store.ClaimAsync(request.Id, "staff-1", Start.AddMinutes(1), default));
        Assert.True(await Store.ClaimAsync(request.Id, "staff-1", Start.AddMinutes(2), default));
        Assert.False(await Store.ClaimAsync(request.Id, "staff-2", Start.AddMinutes(3), default));

        var found = (await Store.FindAsync(request.Id, default))!;
        Assert.Equal(HandoffStatus.Claimed, found.Status);
        Assert.Equal("staff-1", found.ClaimedBy);
        Assert.Equal(Start.AddMinutes(1), found.ClaimedAt);
    }

    [Fact]
    public async Task A_request_is_resolved_once_and_keeps_who_claimed_it()
    {
        var request = await Store.CreateAsync(NewRequest(), default);
        await Store.ClaimAsync(request.Id, "staff-1", Start, default);

        Assert.True(await Store.ResolveAsync(request.Id, "staff-2", Start.AddHours(1), default));
        Assert.False(await Store.ResolveAsync(request.Id, "staff-2", Start.AddHours(2), default));
        Assert.False(await Store.ClaimAsync(request.Id, "staff-1", Start, default));

        var found = (await Store.FindAsync(request.Id, default))!;
        Assert.Equal(HandoffStatus.Resolved, found.Status);
        Assert.Equal("staff-1", found.ClaimedBy);
        Assert.Equal(Start.AddHours(1), found.ResolvedAt);
    }

    [Fact]
    public async Task The_live_state_changes_only_from_the_expected_state()
    {
        var request = await Store.CreateAsync(NewRequest(), default);

        Assert.False(await Store.SetLiveStateAsync(request.Id, LiveChatState.Waiting, LiveChatState.Connected, "staff-1", null, default));
        Assert.True(await Store.SetLiveStateAsync(request.Id, LiveChatState.None, LiveChatState.Waiting, null, Start.AddMinutes(1), default));
        Assert.True(await Store.SetLiveStateAsync(request.Id, LiveChatState.Waiting, LiveChatState.Connected, "staff-1", null, default));
        Assert.True(await Store.SetLiveStateAsync(request.Id, LiveChatState.Connected, LiveChatState.Ended, null, null, default));

        var found = (await Store.FindAsync(request.Id, default))!;
        Assert.Equal(LiveChatState.Ended, found.LiveState);
        Assert.Equal("staff-1", found.LiveStaffId); // kept when the change names nobody
        Assert.Null(found.LiveWaitUntil);
    }

    [Fact]
    public async Task Only_offers_whose_window_has_closed_are_expired()
    {
        var now = Start.AddYears(-30);
        var closed = await Store.CreateAsync(NewRequest(), default);
        var open = await Store.CreateAsync(NewRequest(), default);
        await Store.SetLiveStateAsync(closed.Id, LiveChatState.None, LiveChatState.Waiting, null, now.AddSeconds(-1), default);
        await Store.SetLiveStateAsync(open.Id, LiveChatState.None, LiveChatState.Waiting, null, now.AddSeconds(1), default);

        var expired = await Store.ExpiredLiveOffersAsync(now, default);

        Assert.Contains(expired, r => r.Id == closed.Id);
        Assert.DoesNotContain(expired, r => r.Id == open.Id);
    }

    [Fact]
    public async Task The_hub_status_is_kept()
    {
        var request = await Store.CreateAsync(NewRequest(), default);

        await Store.SetHubStatusAsync(request.Id, "accepted", default);

        Assert.Equal("accepted", (await Store.FindAsync(request.Id, default))!.HubStatus);
    }

    [Fact]
    public async Task Notes_are_kept_in_the_order_they_were_written()
    {
        var request = await Store.CreateAsync(NewRequest(), default);
        await Store.AddNoteAsync(request.Id, new HandoffNote(Start, "staff-1", [1]), default);
        await Store.AddNoteAsync(request.Id, new HandoffNote(Start, "staff-2", [2]), default);
        await Store.AddNoteAsync(request.Id, new HandoffNote(Start.AddMinutes(1), "staff-1", [3]), default);

        var notes = await Store.NotesAsync(request.Id, default);

        Assert.Equal(["staff-1", "staff-2", "staff-1"], notes.Select(n => n.StaffId));
        Assert.Equal([1, 2, 3], notes.Select(n => n.ProtectedText[0]));
        Assert.Equal(Start.AddMinutes(1), notes[2].At);
    }

    [Fact]
    public async Task Live_messages_are_numbered_per_request_and_read_after_a_sequence()
    {
        var request = await Store.CreateAsync(NewRequest(), default);
        var other = await Store.CreateAsync(NewRequest(), default);

        var first = await Store.AddMessageAsync(request.Id, LiveSender.Visitor, null, Start, [1], default);
        await Store.AddMessageAsync(other.Id, LiveSender.Visitor, null, Start, [9], default);
        var second = await Store.AddMessageAsync(request.Id, LiveSender.Staff, "staff-1", Start.AddSeconds(5), [2], default);

        Assert.Equal(1, first.Sequence);
        Assert.Equal(2, second.Sequence);
        var after = await Store.MessagesAsync(request.Id, 1, default);
        var message = Assert.Single(after);
        Assert.Equal(LiveSender.Staff, message.Sender);
        Assert.Equal("staff-1", message.StaffId);
        Assert.Equal(Start.AddSeconds(5), message.At);
        Assert.Equal([2], message.ProtectedText);
        Assert.Null((await Store.MessagesAsync(request.Id, 0, default))[0].StaffId);
    }

    [Fact]
    public async Task Concurrent_live_messages_each_get_their_own_number()
    {
        var request = await Store.CreateAsync(NewRequest(), default);

        var sent = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => Store.AddMessageAsync(request.Id, i % 2 == 0 ? LiveSender.Visitor : LiveSender.Staff, null, Start, [(byte)i], default))));

        Assert.Equal(Enumerable.Range(1, 20).Select(n => (long)n), sent.Select(m => m.Sequence).Order());
        Assert.Equal(20, (await Store.MessagesAsync(request.Id, 0, default)).Count);
    }

    [Fact]
    public async Task A_new_request_is_due_for_announcement_until_delivered()
    {
        var request = await Store.CreateAsync(NewRequest() with { CreatedAt = Start.AddYears(-40) }, default);

        var due = Assert.Single(await Outbox.DueAsync(Start.AddYears(-40), 1000, default), d => d.RequestId == request.Id);
        Assert.Equal(0, due.Attempts);
        Assert.DoesNotContain(await Outbox.DueAsync(Start.AddYears(-40).AddMilliseconds(-1), 1000, default), d => d.RequestId == request.Id);

        await Outbox.MarkDeliveredAsync(request.Id, Start, default);

        Assert.DoesNotContain(await Outbox.DueAsync(Start.AddYears(100), 1000, default), d => d.RequestId == request.Id);
    }

    [Fact]
    public async Task A_failed_announcement_is_due_again_at_its_next_attempt_or_never()
    {
        var retried = await Store.CreateAsync(NewRequest(), default);
        var abandoned = await Store.CreateAsync(NewRequest(), default);

        await Outbox.MarkFailedAsync(retried.Id, 1, Start.AddMinutes(10), default);
        await Outbox.MarkFailedAsync(abandoned.Id, 5, null, default);

        Assert.DoesNotContain(await Outbox.DueAsync(Start.AddMinutes(9), 1000, default), d => d.RequestId == retried.Id);
        var due = await Outbox.DueAsync(Start.AddYears(100), 1000, default);
        Assert.Equal(1, Assert.Single(due, d => d.RequestId == retried.Id).Attempts);
        Assert.DoesNotContain(due, d => d.RequestId == abandoned.Id);
    }

    private async Task<List<WebhookDelivery>> DueForAsync(string conversationId)
    {
        var due = await Outbox.DueAsync(Start.AddYears(100), 10_000, default);
        var mine = new List<WebhookDelivery>();
        foreach (var delivery in due)
        {
            if ((await Store.FindAsync(delivery.RequestId, default))?.ConversationId == conversationId)
            {
                mine.Add(delivery);
            }
        }

        return mine;
    }

    private static HandoffRequest NewRequest()
    {
        var id = Guid.NewGuid().ToString("N");
        return new HandoffRequest
        {
            Id = id,
            Reference = "PA-" + id[..10].ToUpperInvariant(),
            IntakeId = Guid.NewGuid().ToString("N"),
            ChannelId = "directline",
            ConversationId = Guid.NewGuid().ToString("N"),
            Status = HandoffStatus.New,
            CreatedAt = Start,
            DueBy = Start.AddDays(1),
            ProtectedContact = [1, 2, 3, 4],
        };
    }
}

public sealed class SqliteHandoffStoreContractTests : HandoffStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _sqlite = new();
    private readonly SqliteHandoffStore _store;

    public SqliteHandoffStoreContractTests() => _store = new SqliteHandoffStore(_sqlite.Database);

    protected override IHandoffStore Store => _store;

    protected override IWebhookOutbox Outbox => _store;

    public void Dispose() => _sqlite.Dispose();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresHandoffStoreContractTests(PostgresServer server) : HandoffStoreContractTests
{
    private readonly PostgresHandoffStore _store = new(server.Database(nameof(PostgresHandoffStoreContractTests)));

    protected override IHandoffStore Store => _store;

    protected override IWebhookOutbox Outbox => _store;
}
