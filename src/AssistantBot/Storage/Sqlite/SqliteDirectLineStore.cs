using System.Globalization;
using AssistantBot.BotFramework.Schema;
using AssistantBot.BotFramework.Storage;
using AssistantBot.DirectLine;
using Microsoft.Data.Sqlite;

namespace AssistantBot.Storage.Sqlite;

/// <summary>Direct Line conversations and their activity logs in SQLite; a conversation row numbers its own log.</summary>
public sealed class SqliteDirectLineStore : IDirectLineStore
{
    public static readonly IReadOnlyList<string> Schema =
    [
        """
        CREATE TABLE dl_conversations (
            id TEXT PRIMARY KEY,
            user_id TEXT,
            created_at TEXT NOT NULL,
            last_watermark INTEGER NOT NULL DEFAULT 0,
            last_timestamp_ticks INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE TABLE dl_activities (
            conversation_id TEXT NOT NULL REFERENCES dl_conversations (id) ON DELETE CASCADE,
            watermark INTEGER NOT NULL,
            json BLOB NOT NULL,
            PRIMARY KEY (conversation_id, watermark)
        ) WITHOUT ROWID;
        """,
    ];

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _clock;

    public SqliteDirectLineStore(SqliteDatabase database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
        database.Migrate("directline", Schema);
    }

    public Task<bool> CreateConversationAsync(string conversationId, string? userId, CancellationToken cancellationToken) =>
        _database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO dl_conversations (id, user_id, created_at) VALUES ($id, $user, $now) ON CONFLICT (id) DO NOTHING";
            command.Parameters.AddWithValue("$id", conversationId);
            command.Parameters.AddWithValue("$user", (object?)userId ?? DBNull.Value);
            command.Parameters.AddWithValue("$now", _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);

    public Task<StoredConversation?> FindConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        _database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT user_id, created_at FROM dl_conversations WHERE id = $id";
            command.Parameters.AddWithValue("$id", conversationId);
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new StoredConversation(conversationId, reader.IsDBNull(0) ? null : reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture))
                : null;
        });

    public Task<Activity> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken) =>
        _database.WriteAsync(connection => Append(connection, conversationId, activity), cancellationToken);

    private Activity Append(SqliteConnection connection, string conversationId, Activity activity)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var next = connection.CreateCommand();
        next.Transaction = transaction;
        // Timestamps never go backwards within a conversation, even if the clock does: at least 1 µs after the last.
        next.CommandText = """
            UPDATE dl_conversations
            SET last_watermark = last_watermark + 1,
                last_timestamp_ticks = max(last_timestamp_ticks + 10, $now)
            WHERE id = $id
            RETURNING last_watermark, last_timestamp_ticks
            """;
        next.Parameters.AddWithValue("$id", conversationId);
        next.Parameters.AddWithValue("$now", _clock.GetUtcNow().UtcTicks);
        long watermark, ticks;
        using (var reader = next.ExecuteReader())
        {
            if (!reader.Read())
            {
                throw new KeyNotFoundException("There is no such Direct Line conversation.");
            }

            watermark = reader.GetInt64(0);
            ticks = reader.GetInt64(1);
        }

        activity.Id = DirectLineIds.ActivityId(conversationId, watermark);
        activity.Timestamp = new DateTimeOffset(ticks, TimeSpan.Zero);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO dl_activities (conversation_id, watermark, json) VALUES ($id, $watermark, $json)";
        insert.Parameters.AddWithValue("$id", conversationId);
        insert.Parameters.AddWithValue("$watermark", watermark);
        insert.Parameters.Add("$json", SqliteType.Blob).Value = BotJson.SerializeToUtf8Bytes(activity);
        insert.ExecuteNonQuery();
        transaction.Commit();
        return activity;
    }

    public Task<ActivityPage> GetActivitiesAsync(string conversationId, long afterWatermark, int max, CancellationToken cancellationToken) =>
        _database.ReadAsync(connection => ReadPage(connection, conversationId, afterWatermark, max));

    private static ActivityPage ReadPage(SqliteConnection connection, string conversationId, long afterWatermark, int max)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT watermark, json FROM dl_activities WHERE conversation_id = $id AND watermark > $after ORDER BY watermark LIMIT $max";
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$after", afterWatermark);
        command.Parameters.AddWithValue("$max", max);
        using var reader = command.ExecuteReader();
        var activities = new List<Activity>();
        var last = afterWatermark;
        while (reader.Read())
        {
            last = reader.GetInt64(0);
            activities.Add(BotJson.Deserialize<Activity>((byte[])reader.GetValue(1))!);
        }

        return new ActivityPage(activities, last);
    }


}
