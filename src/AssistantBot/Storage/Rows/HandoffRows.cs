using System.Data.Common;
using AssistantBot.Handoff;

namespace AssistantBot.Storage.Rows;

/// <summary>
/// How a hand-off request row reads back, for both backends: the tables have the same columns in the same order; only
/// the way a time is stored differs (Unix milliseconds in SQLite, timestamptz in PostgreSQL), hence <see cref="StoredTime"/>.
/// </summary>
public static class HandoffRows
{
    public const string Columns = "id, reference, intake_id, channel_id, conversation_id, status, created_at, due_by, claimed_by, claimed_at, " +
        "resolved_at, contact, transcript, transcript_consent, live_state, live_staff_id, live_wait_until, hub_status";

    public static HandoffRequest Request(DbDataReader row, StoredTime time) => new()
    {
        Id = row.GetString(0),
        Reference = row.GetString(1),
        IntakeId = row.GetString(2),
        ChannelId = row.GetString(3),
        ConversationId = row.GetString(4),
        Status = Enum.Parse<HandoffStatus>(row.GetString(5)),
        CreatedAt = time(row, 6)!.Value,
        DueBy = time(row, 7)!.Value,
        ClaimedBy = StoredText.OrNull(row, 8),
        ClaimedAt = time(row, 9),
        ResolvedAt = time(row, 10),
        ProtectedContact = row.GetFieldValue<byte[]>(11),
        ProtectedTranscript = row.IsDBNull(12) ? null : row.GetFieldValue<byte[]>(12),
        TranscriptConsent = row.GetBoolean(13),
        LiveState = Enum.Parse<LiveChatState>(row.GetString(14)),
        LiveStaffId = StoredText.OrNull(row, 15),
        LiveWaitUntil = time(row, 16),
        HubStatus = StoredText.OrNull(row, 17),
    };

    /// <summary>Columns: at, staff_id, text.</summary>
    public static HandoffNote Note(DbDataReader row, StoredTime time) => new(time(row, 0)!.Value, row.GetString(1), row.GetFieldValue<byte[]>(2));

    /// <summary>Columns: seq, at, sender, staff_id, text.</summary>
    public static LiveMessage Message(DbDataReader row, StoredTime time) =>
        new(row.GetInt64(0), time(row, 1)!.Value, Enum.Parse<LiveSender>(row.GetString(2)), StoredText.OrNull(row, 3), row.GetFieldValue<byte[]>(4));

    /// <summary>Columns: request_id, attempts.</summary>
    public static WebhookDelivery Delivery(DbDataReader row) => new(row.GetString(0), row.GetInt32(1));
}

/// <summary>Reads a nullable time column the way one backend stores it.</summary>
public delegate DateTimeOffset? StoredTime(DbDataReader row, int ordinal);

public static class StoredText
{
    public static string? OrNull(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
}
