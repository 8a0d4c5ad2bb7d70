using AssistantBot.BotFramework.Schema;
using AssistantBot.DirectLine;
using Npgsql;

namespace AssistantBot.Storage.Postgres;

/// <summary>
/// Direct Line conversations and their activity logs in PostgreSQL. The conversation row numbers its own log: an append
/// is one statement that bumps the row's counter and inserts the activity, so concurrent appends from any number of
/// instances queue on that row's lock, each gets the next watermark, and they commit in watermark order (a reader never
/// sees watermark 6 before 5).
/// </summary>
public sealed class PostgresDirectLineStore(PostgresDatabase database, TimeProvider clock) : IDirectLineStore
{
    public static readonly SchemaModule Schema = new("directline",
    [
        """
        CREATE TABLE dl_conversations (
            id text PRIMARY KEY,
            user_id text,
            created_at timestamptz NOT NULL,
            last_watermark bigint NOT NULL DEFAULT 0,
            last_timestamp timestamptz
        );
        CREATE TABLE dl_activities (
            conversation_id text NOT NULL REFERENCES dl_conversations (id) ON DELETE CASCADE,
            watermark bigint NOT NULL,
            at timestamptz NOT NULL,
            json bytea NOT NULL,
            PRIMARY KEY (conversation_id, watermark)
        );
        """,
    ]);

    // Timestamps never go backwards within a conversation, even when instances' clocks disagree: at least 1 µs (the
    // column's resolution) after the last. The id and timestamp are columns, put back into the activity when read.
    private const string Append = """
        WITH next AS (
            UPDATE dl_conversations
            SET last_watermark = last_watermark + 1,
                last_timestamp = greatest(last_timestamp + interval '1 microsecond', $2)
            WHERE id = $1
            RETURNING last_watermark, last_timestamp
        )
        INSERT INTO dl_activities (conversation_id, watermark, at, json)
        SELECT $1, last_watermark, last_timestamp, $3 FROM next
        RETURNING watermark, at
        """;

    public async Task<bool> CreateConversationAsync(string conversationId, string? userId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("INSERT INTO dl_conversations (id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
            cancellationToken, conversationId, userId, clock.GetUtcNow()) == 1;

    public async Task<StoredConversation?> FindConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync("SELECT user_id, created_at FROM dl_conversations WHERE id = $1",
            r => new StoredConversation(conversationId, r.IsDBNull(0) ? null : r.GetString(0), r.GetFieldValue<DateTimeOffset>(1)),
            cancellationToken, conversationId);
        return rows.FirstOrDefault();
    }

    public async Task<Activity> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        activity.Id = null;
        activity.Timestamp = null;
        var json = BotJson.SerializeToUtf8Bytes(activity);
        var rows = await database.QueryAsync(Append, r => (Watermark: r.GetInt64(0), At: r.GetFieldValue<DateTimeOffset>(1)),
            cancellationToken, conversationId, clock.GetUtcNow(), json);
        if (rows.Count == 0)
        {
            throw new KeyNotFoundException("There is no such Direct Line conversation.");
        }

        Stamp(activity, conversationId, rows[0].Watermark, rows[0].At);
        return activity;
    }

    public async Task<ActivityPage> GetActivitiesAsync(string conversationId, long afterWatermark, int max, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync(
            "SELECT watermark, at, json FROM dl_activities WHERE conversation_id = $1 AND watermark > $2 ORDER BY watermark LIMIT $3",
            r => (Watermark: r.GetInt64(0), Activity: Read(conversationId, r)), cancellationToken, conversationId, afterWatermark, max);
        return new ActivityPage([.. rows.Select(r => r.Activity)], rows.Count > 0 ? rows[^1].Watermark : afterWatermark);
    }

    private static Activity Read(string conversationId, NpgsqlDataReader row)
    {
        var activity = BotJson.Deserialize<Activity>(row.GetFieldValue<byte[]>(2))!;
        Stamp(activity, conversationId, row.GetInt64(0), row.GetFieldValue<DateTimeOffset>(1));
        return activity;
    }

    private static void Stamp(Activity activity, string conversationId, long watermark, DateTimeOffset at)
    {
        activity.Id = DirectLineIds.ActivityId(conversationId, watermark);
        activity.Timestamp = at;
    }
}
