using System.Text;
using AssistantBot.BotFramework.Schema;
using AssistantBot.Handoff;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantBot.Tests.Handoff;

public sealed class IntakeTests : IClassFixture<AssistantFactory>
{
    private readonly AssistantFactory _factory;

    public IntakeTests(AssistantFactory factory) => _factory = factory;

    [Fact]
    public async Task A_complete_intake_stores_one_request_and_gives_its_reference()
    {
        var flow = await StartedFlowAsync();

        var replies = await CompleteIntakeAsync(flow, "Pat Doe", "pat@example.org");

        var confirmation = replies.First(r => r.Text?.Contains("reference number") == true);
        var reference = System.Text.RegularExpressions.Regex.Match(confirmation.Text!, "PA-[A-Z0-9]{6}").Value;
        Assert.NotEmpty(reference);
        var stored = await Store.FindLatestForConversationAsync("test", flow.ConversationId, default);
        Assert.Equal(reference, stored!.Reference);
        Assert.Equal(HandoffStatus.New, stored.Status);
        var contact = Protector.Unprotect<HandoffContact>(stored.ProtectedContact);
        Assert.Equal(("Pat Doe", "pat@example.org", "Morning", "scan results"), (contact.Name, contact.Email, contact.BestTime, contact.Topic));
    }

    [Fact]
    public async Task Contact_details_are_encrypted_at_rest()
    {
        var flow = await StartedFlowAsync();
        await CompleteIntakeAsync(flow, "Rowan Unique-Name", "+1 (555) 010-9999");

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var database = await File.ReadAllBytesAsync(Path.Combine(_factory.DataDirectory, "assistantbot.db"));
        var wal = Path.Combine(_factory.DataDirectory, "assistantbot.db-wal");
        var bytes = File.Exists(wal) ? [.. database, .. await ReadSharedAsync(wal)] : database;
        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("Rowan Unique-Name", text);
        Assert.DoesNotContain("5550109999", text);
    }

    [Fact]
    public async Task An_invalid_contact_is_asked_again_kindly()
    {
        var flow = await StartedFlowAsync();
        await flow.Send("Pat");
        Drain(flow);

        foreach (var bad in new[] { "call me", "12", "pat@", "<script>alert(1)</script>", "pat@example", "555-CALL-NOW" })
        {
            await flow.Send(bad);
            flow.AssertReplyContains("doesn't look like a phone number or an e-mail address");
        }

        await flow.Send("555 123 4567");
        flow.AssertReplyContains("good time");
    }

    [Fact]
    public async Task An_emergency_during_the_intake_gets_the_guidance_first_and_is_not_taken_as_an_answer()
    {
        var flow = await StartedFlowAsync();

        var replies = await flow.Send("my dad can't breathe");

        Assert.Contains("911", replies[0].Text);
        Assert.Contains(replies, r => r.Text == IntakeText.AfterInterruption);
        Assert.Equal(IntakeText.AskName, replies[^1].Text);
        await flow.Send("Pat");
        Assert.Contains(flow.PendingReplies, r => r.Text == IntakeText.AskContact);
    }

    [Fact]
    public async Task The_visitor_can_cancel_and_nothing_is_stored()
    {
        var flow = await StartedFlowAsync();
        await flow.Send("Pat");
        await flow.Send("cancel");

        Assert.Contains(flow.PendingReplies, r => r.Text?.Contains("nothing was sent") == true);
        Assert.Null(await Store.FindLatestForConversationAsync("test", flow.ConversationId, default));
    }

    [Fact]
    public async Task Declining_contact_stores_nothing()
    {
        var flow = await StartedFlowAsync();
        foreach (var answer in new[] { "Pat", "pat@example.org", "Evening", "Skip" })
        {
            await flow.Send(answer);
        }

        await flow.Send(IntakeText.ConsentNo);

        Assert.Contains(flow.PendingReplies, r => r.Text?.Contains("I won't send a request") == true);
        Assert.Null(await Store.FindLatestForConversationAsync("test", flow.ConversationId, default));
    }

    [Fact]
    public async Task The_summary_can_be_edited_before_sending()
    {
        var flow = await StartedFlowAsync();
        foreach (var answer in new[] { "Pat", "pat@example.org", "Evening", "Skip", IntakeText.ShareNo, IntakeText.Edit, "Contact" })
        {
            await flow.Send(answer);
        }

        Drain(flow);
        await flow.Send("555-123-4567");
        var summary = flow.AssertReply();
        Assert.Contains("Contact: 5551234567", summary.Text);
        Assert.Equal("plain", summary.TextFormat);

        await flow.Send(IntakeText.SendRequest);
        var stored = await Store.FindLatestForConversationAsync("test", flow.ConversationId, default);
        Assert.Equal("5551234567", Protector.Unprotect<HandoffContact>(stored!.ProtectedContact).Phone);
        Assert.False(stored.TranscriptConsent);
        Assert.Null(stored.ProtectedTranscript);
    }

    [Fact]
    public async Task Confirming_twice_creates_one_request()
    {
        var flow = await StartedFlowAsync();
        var send = await CompleteIntakeAsync(flow, "Pat", "pat@example.org", send: false);
        var confirm = flow.NewActivity(text: IntakeText.SendRequest);
        await flow.Send(confirm);
        await flow.Send(confirm); // redelivered by the channel
        await flow.Send(IntakeText.SendRequest); // a second click

        var requests = await Store.ListAsync([HandoffStatus.New], 1000, default);
        Assert.Single(requests, r => r.ConversationId == flow.ConversationId);
        Assert.Contains(flow.PendingReplies, r => r.Text?.Contains("has already been sent") == true);
    }

    [Fact]
    public async Task The_same_intake_stored_twice_is_one_request()
    {
        var request = new HandoffRequest
        {
            Id = ReferenceNumbers.NewId(), Reference = ReferenceNumbers.NewReference(), IntakeId = "intake-" + Guid.NewGuid(),
            ChannelId = "test", ConversationId = "c", Status = HandoffStatus.New, CreatedAt = DateTimeOffset.UtcNow,
            DueBy = DateTimeOffset.UtcNow.AddDays(1), ProtectedContact = [1, 2, 3],
        };

        var first = await Store.CreateAsync(request, default);
        var second = await Store.CreateAsync(request with { Id = ReferenceNumbers.NewId(), Reference = ReferenceNumbers.NewReference() }, default);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Reference, second.Reference);
    }

    [Fact]
    public async Task Channels_behind_azure_bot_service_also_get_the_handoff_initiate_event_with_the_transcript_only_with_consent()
    {
        var flow = await StartedFlowAsync();
        var replies = await CompleteIntakeAsync(flow, "Pat", "pat@example.org");

        var initiate = Assert.Single(replies, r => r.Type == ActivityTypes.Event && r.Name == "handoff.initiate");
        Assert.Equal("user-1", initiate.From?.Id);
        Assert.NotNull(initiate.ReplyToId);
        Assert.StartsWith("PA-", initiate.Value?["reference"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_hub_status_event_is_accepted_and_recorded()
    {
        var flow = await StartedFlowAsync();
        await CompleteIntakeAsync(flow, "Pat", "pat@example.org");
        var status = flow.NewActivity(ActivityTypes.Event);
        status.Name = "handoff.status";
        status.Value = new System.Text.Json.Nodes.JsonObject { ["state"] = "failed", ["message"] = "no agents" };

        var replies = await flow.Send(status);

        Assert.Contains(replies, r => r.Text?.Contains("still with our patient advocates") == true);
        Assert.Equal("failed", (await Store.FindLatestForConversationAsync("test", flow.ConversationId, default))!.HubStatus);
    }

    private IHandoffStore Store => _factory.Services.GetRequiredService<IHandoffStore>();

    private HandoffProtector Protector => _factory.Services.GetRequiredService<HandoffProtector>();

    private async Task<TestFlow> StartedFlowAsync()
    {
        var flow = new TestFlow(_factory.CreateClient());
        await flow.Join();
        await flow.Send("Patient Advocate");
        Drain(flow);
        return flow;
    }

    private static async Task<List<Activity>> CompleteIntakeAsync(TestFlow flow, string name, string contact, bool send = true)
    {
        foreach (var answer in new[] { name, contact, "Morning", "scan results", IntakeText.ShareYes })
        {
            await flow.Send(answer);
        }

        Drain(flow);
        return send ? [.. await flow.Send(IntakeText.SendRequest)] : [];
    }

    private static void Drain(TestFlow flow)
    {
        while (flow.PendingReplies.Count > 0)
        {
            flow.AssertReply();
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }
}
