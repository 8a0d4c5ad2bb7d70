using AssistantBot.Handoff;
using AssistantBot.Storage.Rows;
using Microsoft.Data.Sqlite;

namespace AssistantBot.Storage.Sqlite;

/// <summary>Hand-off requests, notes, live messages and the webhook outbox in SQLite. Times are Unix milliseconds.</summary>
public sealed class SqliteHandoffStore : IHandoffStore, IWebhookOutbox
{
    public static readonly IReadOnlyList<string> Schema =
    [
        """
        CREATE TABLE handoff_requests (
            id TEXT PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            intake_id TEXT NOT NULL UNIQUE,
            channel_id TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            due_by INTEGER NOT NULL,
            claimed_by TEXT,
            claimed_at INTEGER,
            resolved_at INTEGER,
            contact BLOB NOT NULL,
            transcript BLOB,
            transcript_consent INTEGER NOT NULL,
            live_state TEXT NOT NULL,
            live_staff_id TEXT,
            live_wait_until INTEGER,
            hub_status TEXT
        ) WITHOUT ROWID;
        CREATE INDEX handoff_requests_by_status ON handoff_requests (status, created_at);
        CREATE INDEX handoff_requests_by_conversation ON handoff_requests (channel_id, conversation_id, created_at);
        CREATE TABLE handoff_notes (
            request_id TEXT NOT NULL REFERENCES handoff_requests (id) ON DELETE CASCADE,
            at INTEGER NOT NULL,
            staff_id TEXT NOT NULL,
            text BLOB NOT NULL
        );
        CREATE INDEX handoff_notes_by_request ON handoff_notes (request_id, at);
        CREATE TABLE handoff_messages (
            request_id TEXT NOT NULL REFERENCES handoff_requests (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            at INTEGER NOT NULL,
            sender TEXT NOT NULL,
            staff_id TEXT,
            text BLOB NOT NULL,
            PRIMARY KEY (request_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE handoff_webhook_outbox (
            request_id TEXT PRIMARY KEY REFERENCES handoff_requests (id) ON DELETE CASCADE,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER,
            delivered_at INTEGER
        ) WITHOUT ROWID;
        """,
    ];

    private const string Columns = HandoffRows.Columns;

    private readonly SqliteDatabase _database;

    public SqliteHandoffStore(SqliteDatabase database)
    {
        _database = database;
        database.Migrate("handoff", Schema);
    }

    public async Task<HandoffRequest> CreateAsync(HandoffRequest request, CancellationToken cancellationToken)
    {
        var existing = await _database.WriteAsync(connection =>
        {
            // The visitor is told the request exists only after this commits, so this one commit waits for the disk.
            SqliteDatabase.Execute(connection, "PRAGMA synchronous = FULL;");
            try
            {
                using var transaction = connection.BeginTransaction();
                var already = QueryOne(connection, transaction, $"SELECT {Columns} FROM handoff_requests WHERE intake_id = $v", request.IntakeId);
                if (already is not null)
                {
                    return already;
                }

                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = $"""
                    INSERT INTO handoff_requests ({Columns}) VALUES ($id, $reference, $intake, $channel, $conversation, $status, $created, $due,
                        NULL, NULL, NULL, $contact, $transcript, $consent, $live, NULL, $wait, NULL);
                    INSERT INTO handoff_webhook_outbox (request_id, next_attempt_at) VALUES ($id, $created);
                    """;
                insert.Parameters.AddWithValue("$id", request.Id);
                insert.Parameters.AddWithValue("$reference", request.Reference);
                insert.Parameters.AddWithValue("$intake", request.IntakeId);
                insert.Parameters.AddWithValue("$channel", request.ChannelId);
                insert.Parameters.AddWithValue("$conversation", request.ConversationId);
                insert.Parameters.AddWithValue("$status", request.Status.ToString());
                insert.Parameters.AddWithValue("$created", request.CreatedAt.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$due", request.DueBy.ToUnixTimeMilliseconds());
                insert.Parameters.Add("$contact", SqliteType.Blob).Value = request.ProtectedContact;
                insert.Parameters.Add("$transcript", SqliteType.Blob).Value = (object?)request.ProtectedTranscript ?? DBNull.Value;
                insert.Parameters.AddWithValue("$consent", request.TranscriptConsent ? 1 : 0);
                insert.Parameters.AddWithValue("$live", request.LiveState.ToString());
                insert.Parameters.AddWithValue("$wait", (object?)request.LiveWaitUntil?.ToUnixTimeMilliseconds() ?? DBNull.Value);
                insert.ExecuteNonQuery();
                transaction.Commit();
                return null;
            }
            finally
            {
                SqliteDatabase.Execute(connection, "PRAGMA synchronous = NORMAL;");
            }
        }, cancellationToken);
        return existing ?? request;
    }

    public Task<HandoffRequest?> FindAsync(string id, CancellationToken cancellationToken) =>
        _database.ReadAsync(c => QueryOne(c, null, $"SELECT {Columns} FROM handoff_requests WHERE id = $v", id));

    public Task<HandoffRequest?> FindLatestForConversationAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        _database.ReadAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM handoff_requests WHERE channel_id = $channel AND conversation_id = $conversation ORDER BY created_at DESC LIMIT 1";
            command.Parameters.AddWithValue("$channel", channelId);
            command.Parameters.AddWithValue("$conversation", conversationId);
            return ReadAll(command).FirstOrDefault();
        });

    public Task<IReadOnlyList<HandoffRequest>> ListAsync(IReadOnlyCollection<HandoffStatus> statuses, int max, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<HandoffRequest>>(c =>
        {
            using var command = c.CreateCommand();
            var names = statuses.Select((s, i) => (Name: $"$s{i}", Value: s.ToString())).ToList();
            command.CommandText = $"SELECT {Columns} FROM handoff_requests WHERE status IN ({string.Join(", ", names.Select(n => n.Name))}) ORDER BY created_at DESC LIMIT $max";
            foreach (var (name, value) in names)
            {
                command.Parameters.AddWithValue(name, value);
            }

            command.Parameters.AddWithValue("$max", max);
            return ReadAll(command);
        });

    public async Task<bool> ClaimAsync(string id, string staffId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await ChangeAsync("""
            UPDATE handoff_requests SET status = 'Claimed', claimed_by = $staff, claimed_at = coalesce(claimed_at, $at)
            WHERE id = $id AND (status = 'New' OR (status = 'Claimed' AND claimed_by = $staff))
            """, id, staffId, at, cancellationToken) == 1;

    public async Task<bool> ResolveAsync(string id, string staffId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await ChangeAsync("""
            UPDATE handoff_requests SET status = 'Resolved', resolved_at = $at, claimed_by = coalesce(claimed_by, $staff)
            WHERE id = $id AND status <> 'Resolved'
            """, id, staffId, at, cancellationToken) == 1;

    public async Task<bool> SetLiveStateAsync(string id, LiveChatState expected, LiveChatState state, string? staffId, DateTimeOffset? waitUntil, CancellationToken cancellationToken) =>
        await _database.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                UPDATE handoff_requests SET live_state = $state, live_staff_id = coalesce($staff, live_staff_id), live_wait_until = $wait
                WHERE id = $id AND live_state = $expected
                """;
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$expected", expected.ToString());
            command.Parameters.AddWithValue("$state", state.ToString());
            command.Parameters.AddWithValue("$staff", (object?)staffId ?? DBNull.Value);
            command.Parameters.AddWithValue("$wait", (object?)waitUntil?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            return command.ExecuteNonQuery();
        }, cancellationToken) == 1;

    public Task SetHubStatusAsync(string id, string status, CancellationToken cancellationToken) =>
        _database.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "UPDATE handoff_requests SET hub_status = $status WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$status", status);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<IReadOnlyList<HandoffRequest>> ExpiredLiveOffersAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<HandoffRequest>>(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM handoff_requests WHERE live_state = 'Waiting' AND live_wait_until <= $now";
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            return ReadAll(command);
        });

    public Task AddNoteAsync(string id, HandoffNote note, CancellationToken cancellationToken) =>
        _database.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "INSERT INTO handoff_notes (request_id, at, staff_id, text) VALUES ($id, $at, $staff, $text)";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$at", note.At.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$staff", note.StaffId);
            command.Parameters.Add("$text", SqliteType.Blob).Value = note.ProtectedText;
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<IReadOnlyList<HandoffNote>> NotesAsync(string id, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<HandoffNote>>(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT at, staff_id, text FROM handoff_notes WHERE request_id = $id ORDER BY at, rowid";
            command.Parameters.AddWithValue("$id", id);
            return ReadAll(command, r => HandoffRows.Note(r, SqliteDatabase.UnixMilliseconds));
        });

    public Task<LiveMessage> AddMessageAsync(string id, LiveSender sender, string? staffId, DateTimeOffset at, byte[] protectedText, CancellationToken cancellationToken) =>
        _database.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                INSERT INTO handoff_messages (request_id, seq, at, sender, staff_id, text)
                VALUES ($id, (SELECT coalesce(max(seq), 0) + 1 FROM handoff_messages WHERE request_id = $id), $at, $sender, $staff, $text)
                RETURNING seq
                """;
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$sender", sender.ToString());
            command.Parameters.AddWithValue("$staff", (object?)staffId ?? DBNull.Value);
            command.Parameters.Add("$text", SqliteType.Blob).Value = protectedText;
            var sequence = (long)command.ExecuteScalar()!;
            return new LiveMessage(sequence, at, sender, staffId, protectedText);
        }, cancellationToken);

    public Task<IReadOnlyList<LiveMessage>> MessagesAsync(string id, long afterSequence, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<LiveMessage>>(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT seq, at, sender, staff_id, text FROM handoff_messages WHERE request_id = $id AND seq > $after ORDER BY seq";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$after", afterSequence);
            return ReadAll(command, r => HandoffRows.Message(r, SqliteDatabase.UnixMilliseconds));
        });

    public Task<IReadOnlyList<WebhookDelivery>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<WebhookDelivery>>(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                SELECT request_id, attempts FROM handoff_webhook_outbox
                WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL AND next_attempt_at <= $now
                ORDER BY next_attempt_at LIMIT $max
                """;
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$max", max);
            return ReadAll(command, HandoffRows.Delivery);
        });

    public Task MarkDeliveredAsync(string requestId, DateTimeOffset at, CancellationToken cancellationToken) =>
        _database.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "UPDATE handoff_webhook_outbox SET delivered_at = $at, attempts = attempts + 1 WHERE request_id = $id";
            command.Parameters.AddWithValue("$id", requestId);
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task MarkFailedAsync(string requestId, int attempts, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken) =>
        _database.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "UPDATE handoff_webhook_outbox SET attempts = $attempts, next_attempt_at = $next WHERE request_id = $id";
            command.Parameters.AddWithValue("$id", requestId);
            command.Parameters.AddWithValue("$attempts", attempts);
            command.Parameters.AddWithValue("$next", (object?)nextAttemptAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    private Task<int> ChangeAsync(string sql, string id, string staffId, DateTimeOffset at, CancellationToken cancellationToken) =>
        _database.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$staff", staffId);
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery();
        }, cancellationToken);

    private static HandoffRequest? QueryOne(SqliteConnection connection, SqliteTransaction? transaction, string sql, string value)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$v", value);
        return ReadAll(command).FirstOrDefault();
    }

    private static List<HandoffRequest> ReadAll(SqliteCommand command) => ReadAll(command, r => HandoffRows.Request(r, SqliteDatabase.UnixMilliseconds));

    private static List<T> ReadAll<T>(SqliteCommand command, Func<SqliteDataReader, T> map)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
