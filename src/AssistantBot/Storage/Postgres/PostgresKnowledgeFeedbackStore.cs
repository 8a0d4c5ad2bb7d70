using AssistantBot.Knowledge.Feedback;

namespace AssistantBot.Storage.Postgres;

/// <summary>Unanswered questions and answer feedback in PostgreSQL; the columns mirror SQLite's.</summary>
public sealed class PostgresKnowledgeFeedbackStore(PostgresDatabase database) : IKnowledgeFeedbackStore
{
    public static readonly SchemaModule Schema = new("knowledge",
    [
        """
        CREATE TABLE knowledge_unanswered (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            question text NOT NULL,
            outcome text NOT NULL,
            confidence double precision NOT NULL,
            channel_id text,
            asked_at timestamptz NOT NULL
        );
        CREATE INDEX knowledge_unanswered_asked_at ON knowledge_unanswered (asked_at);
        CREATE TABLE knowledge_feedback (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            helpful boolean NOT NULL,
            question text NOT NULL,
            passage_id integer NOT NULL,
            document text NOT NULL,
            heading text NOT NULL,
            channel_id text,
            given_at timestamptz NOT NULL
        );
        CREATE INDEX knowledge_feedback_given_at ON knowledge_feedback (given_at);
        """,
    ]);

    public Task RecordUnansweredAsync(UnansweredQuestion question, CancellationToken cancellationToken) =>
        database.ExecuteAsync("INSERT INTO knowledge_unanswered (question, outcome, confidence, channel_id, asked_at) VALUES ($1, $2, $3, $4, $5)",
            cancellationToken, question.Question, question.Outcome, question.Confidence, question.ChannelId, question.AskedAt);

    public Task RecordFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken) =>
        database.ExecuteAsync("""
            INSERT INTO knowledge_feedback (helpful, question, passage_id, document, heading, channel_id, given_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, cancellationToken, feedback.Helpful, feedback.Question, feedback.PassageId, feedback.Document, feedback.Heading, feedback.ChannelId, feedback.GivenAt);

    public async Task<IReadOnlyList<UnansweredQuestion>> RecentUnansweredAsync(int limit, CancellationToken cancellationToken) =>
        await database.QueryAsync(
            "SELECT question, outcome, confidence, channel_id, asked_at FROM knowledge_unanswered ORDER BY asked_at DESC, id DESC LIMIT $1",
            r => new UnansweredQuestion(r.GetString(0), r.GetString(1), r.GetDouble(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetFieldValue<DateTimeOffset>(4)),
            cancellationToken, limit);

    public async Task<IReadOnlyList<AnswerFeedback>> RecentFeedbackAsync(int limit, CancellationToken cancellationToken) =>
        await database.QueryAsync(
            "SELECT helpful, question, passage_id, document, heading, channel_id, given_at FROM knowledge_feedback ORDER BY given_at DESC, id DESC LIMIT $1",
            r => new AnswerFeedback(r.GetBoolean(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
                r.GetFieldValue<DateTimeOffset>(6)),
            cancellationToken, limit);

    public async Task<IReadOnlyList<PassageFeedbackCount>> FeedbackCountsAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        await database.QueryAsync("""
            SELECT document, heading, count(*) FILTER (WHERE helpful), count(*) FILTER (WHERE NOT helpful), max(given_at)
            FROM knowledge_feedback WHERE given_at >= $1
            GROUP BY document, heading ORDER BY 4 DESC, 3 ASC, document, heading
            """,
            r => new PassageFeedbackCount(r.GetString(0), r.GetString(1), (int)r.GetInt64(2), (int)r.GetInt64(3), r.GetFieldValue<DateTimeOffset>(4)),
            cancellationToken, since);

    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        (await database.QueryAsync("""
            WITH questions AS (DELETE FROM knowledge_unanswered WHERE asked_at < $1 RETURNING 1),
                 verdicts AS (DELETE FROM knowledge_feedback WHERE given_at < $1 RETURNING 1)
            SELECT (SELECT count(*) FROM questions) + (SELECT count(*) FROM verdicts)
            """, r => (int)r.GetInt64(0), cancellationToken, cutoff))[0];
}
