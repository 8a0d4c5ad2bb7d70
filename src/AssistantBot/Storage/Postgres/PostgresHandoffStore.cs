using AssistantBot.Handoff;
using AssistantBot.Storage.Rows;
using Npgsql;

namespace AssistantBot.Storage.Postgres;

/// <summary>Hand-off requests, notes, live messages and the webhook outbox in PostgreSQL; the columns mirror SQLite's.</summary>
public sealed class PostgresHandoffStore(PostgresDatabase database) : IHandoffStore, IWebhookOutbox
{
    public static readonly SchemaModule Schema = new("handoff",
    [
        """
        CREATE TABLE handoff_requests (
            id text PRIMARY KEY,
            reference text NOT NULL UNIQUE,
            intake_id text NOT NULL UNIQUE,
            channel_id text NOT NULL,
            conversation_id text NOT NULL,
            status text NOT NULL,
            created_at timestamptz NOT NULL,
            due_by timestamptz NOT NULL,
            claimed_by text,
            claimed_at timestamptz,
            resolved_at timestamptz,
            contact bytea NOT NULL,
            transcript bytea,
            transcript_consent boolean NOT NULL,
            live_state text NOT NULL,
            live_staff_id text,
            live_wait_until timestamptz,
            hub_status text,
            last_message_seq bigint NOT NULL DEFAULT 0
        );
        CREATE INDEX handoff_requests_by_status ON handoff_requests (status, created_at);
        CREATE INDEX handoff_requests_by_conversation ON handoff_requests (channel_id, conversation_id, created_at);
        CREATE INDEX handoff_requests_waiting ON handoff_requests (live_wait_until) WHERE live_state = 'Waiting';
        CREATE TABLE handoff_notes (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            request_id text NOT NULL REFERENCES handoff_requests (id) ON DELETE CASCADE,
            at timestamptz NOT NULL,
            staff_id text NOT NULL,
            text bytea NOT NULL
        );
        CREATE INDEX handoff_notes_by_request ON handoff_notes (request_id, at);
        CREATE TABLE handoff_messages (
            request_id text NOT NULL REFERENCES handoff_requests (id) ON DELETE CASCADE,
            seq bigint NOT NULL,
            at timestamptz NOT NULL,
            sender text NOT NULL,
            staff_id text,
            text bytea NOT NULL,
            PRIMARY KEY (request_id, seq)
        );
        CREATE TABLE handoff_webhook_outbox (
            request_id text PRIMARY KEY REFERENCES handoff_requests (id) ON DELETE CASCADE,
            attempts integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz,
            delivered_at timestamptz
        );
        CREATE INDEX handoff_webhook_outbox_due ON handoff_webhook_outbox (next_attempt_at) WHERE delivered_at IS NULL;
        """,
    ]);

    // One statement writes the request and its announcement, so neither can exist without the other. A second
    // confirmation of the same intake (from this instance or another) inserts nothing and reads the first instead.
    private const string Insert = $"""
        WITH request AS (
            INSERT INTO handoff_requests ({HandoffRows.Columns})
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL, NULL, $9, $10, $11, $12, NULL, $13, NULL)
            ON CONFLICT (intake_id) DO NOTHING
            RETURNING id, created_at
        )
        INSERT INTO handoff_webhook_outbox (request_id, next_attempt_at) SELECT id, created_at FROM request
        """;

    public async Task<HandoffRequest> CreateAsync(HandoffRequest request, CancellationToken cancellationToken)
    {
        var inserted = await database.WithConnectionAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // The visitor is told the request exists only after this returns: whatever the server's default, this
            // commit waits until it is on disk (and on any synchronous standby).
            await using (var durable = new NpgsqlCommand("SET LOCAL synchronous_commit = on", connection, transaction))
            {
                await durable.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var insert = new NpgsqlCommand(Insert, connection, transaction);
            PostgresDatabase.AddParameters(insert.Parameters,
            [
                request.Id, request.Reference, request.IntakeId, request.ChannelId, request.ConversationId, request.Status.ToString(),
                request.CreatedAt, request.DueBy, request.ProtectedContact, request.ProtectedTranscript, request.TranscriptConsent,
                request.LiveState.ToString(), request.LiveWaitUntil,
            ]);
            var rows = await insert.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return rows == 1;
        }, cancellationToken);
        return inserted ? request : await FindOneAsync("intake_id", request.IntakeId, cancellationToken) ?? request;
    }

    public Task<HandoffRequest?> FindAsync(string id, CancellationToken cancellationToken) => FindOneAsync("id", id, cancellationToken);

    public async Task<HandoffRequest?> FindLatestForConversationAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        (await QueryRequestsAsync("WHERE channel_id = $1 AND conversation_id = $2 ORDER BY created_at DESC LIMIT 1", cancellationToken, channelId, conversationId))
            .FirstOrDefault();

    public async Task<IReadOnlyList<HandoffRequest>> ListAsync(IReadOnlyCollection<HandoffStatus> statuses, int max, CancellationToken cancellationToken) =>
        await QueryRequestsAsync("WHERE status = ANY($1) ORDER BY created_at DESC LIMIT $2", cancellationToken,
            statuses.Select(s => s.ToString()).ToArray(), max);

    public async Task<bool> ClaimAsync(string id, string staffId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("""
            UPDATE handoff_requests SET status = 'Claimed', claimed_by = $2, claimed_at = coalesce(claimed_at, $3)
            WHERE id = $1 AND (status = 'New' OR (status = 'Claimed' AND claimed_by = $2))
            """, cancellationToken, id, staffId, at) == 1;

    public async Task<bool> ResolveAsync(string id, string staffId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("""
            UPDATE handoff_requests SET status = 'Resolved', resolved_at = $3, claimed_by = coalesce(claimed_by, $2)
            WHERE id = $1 AND status <> 'Resolved'
            """, cancellationToken, id, staffId, at) == 1;

    public async Task<bool> SetLiveStateAsync(string id, LiveChatState expected, LiveChatState state, string? staffId, DateTimeOffset? waitUntil, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("""
            UPDATE handoff_requests SET live_state = $3, live_staff_id = coalesce($4, live_staff_id), live_wait_until = $5
            WHERE id = $1 AND live_state = $2
            """, cancellationToken, id, expected.ToString(), state.ToString(), staffId, waitUntil) == 1;

    public Task SetHubStatusAsync(string id, string status, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE handoff_requests SET hub_status = $2 WHERE id = $1", cancellationToken, id, status);

    public async Task<IReadOnlyList<HandoffRequest>> ExpiredLiveOffersAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await QueryRequestsAsync("WHERE live_state = 'Waiting' AND live_wait_until <= $1", cancellationToken, now);

    public Task AddNoteAsync(string id, HandoffNote note, CancellationToken cancellationToken) =>
        database.ExecuteAsync("INSERT INTO handoff_notes (request_id, at, staff_id, text) VALUES ($1, $2, $3, $4)",
            cancellationToken, id, note.At, note.StaffId, note.ProtectedText);

    public async Task<IReadOnlyList<HandoffNote>> NotesAsync(string id, CancellationToken cancellationToken) =>
        await database.QueryAsync("SELECT at, staff_id, text FROM handoff_notes WHERE request_id = $1 ORDER BY at, id",
            r => HandoffRows.Note(r, PostgresDatabase.Timestamptz), cancellationToken, id);

    /// <summary>
    /// The request row numbers its messages, as a Direct Line conversation numbers its log: staff on one instance and
    /// the visitor on another may write at the same moment, and each still gets the next number.
    /// </summary>
    public async Task<LiveMessage> AddMessageAsync(string id, LiveSender sender, string? staffId, DateTimeOffset at, byte[] protectedText, CancellationToken cancellationToken)
    {
        var sequence = await database.QueryAsync("""
            WITH next AS (UPDATE handoff_requests SET last_message_seq = last_message_seq + 1 WHERE id = $1 RETURNING last_message_seq)
            INSERT INTO handoff_messages (request_id, seq, at, sender, staff_id, text)
            SELECT $1, last_message_seq, $2, $3, $4, $5 FROM next
            RETURNING seq
            """, r => r.GetInt64(0), cancellationToken, id, at, sender.ToString(), staffId, protectedText);
        return sequence.Count == 1
            ? new LiveMessage(sequence[0], at, sender, staffId, protectedText)
            : throw new KeyNotFoundException("There is no such hand-off request.");
    }

    public async Task<IReadOnlyList<LiveMessage>> MessagesAsync(string id, long afterSequence, CancellationToken cancellationToken) =>
        await database.QueryAsync("SELECT seq, at, sender, staff_id, text FROM handoff_messages WHERE request_id = $1 AND seq > $2 ORDER BY seq",
            r => HandoffRows.Message(r, PostgresDatabase.Timestamptz), cancellationToken, id, afterSequence);

    public async Task<IReadOnlyList<WebhookDelivery>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        await database.QueryAsync("""
            SELECT request_id, attempts FROM handoff_webhook_outbox
            WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL AND next_attempt_at <= $1
            ORDER BY next_attempt_at LIMIT $2
            """, HandoffRows.Delivery, cancellationToken, now, max);

    public Task MarkDeliveredAsync(string requestId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE handoff_webhook_outbox SET delivered_at = $2, attempts = attempts + 1 WHERE request_id = $1",
            cancellationToken, requestId, at);

    public Task MarkFailedAsync(string requestId, int attempts, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE handoff_webhook_outbox SET attempts = $2, next_attempt_at = $3 WHERE request_id = $1",
            cancellationToken, requestId, attempts, nextAttemptAt);

    private async Task<HandoffRequest?> FindOneAsync(string column, string value, CancellationToken cancellationToken) =>
        (await QueryRequestsAsync($"WHERE {column} = $1", cancellationToken, value)).FirstOrDefault();

    private Task<List<HandoffRequest>> QueryRequestsAsync(string condition, CancellationToken cancellationToken, params object?[] parameters) =>
        database.QueryAsync($"SELECT {HandoffRows.Columns} FROM handoff_requests {condition}", r => HandoffRows.Request(r, PostgresDatabase.Timestamptz), cancellationToken, parameters);
}
