using System.Globalization;
using AssistantBot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AssistantBot.Knowledge.Feedback.Sqlite;

/// <summary>The feedback store in the assistant's SQLite database.</summary>
public sealed class SqliteKnowledgeFeedbackStore : IKnowledgeFeedbackStore
{
    public static readonly IReadOnlyList<string> Schema =
    [
        """
        CREATE TABLE knowledge_unanswered (
            id INTEGER PRIMARY KEY,
            question TEXT NOT NULL,
            outcome TEXT NOT NULL,
            confidence REAL NOT NULL,
            channel_id TEXT,
            asked_at TEXT NOT NULL
        );
        CREATE INDEX knowledge_unanswered_asked_at ON knowledge_unanswered (asked_at);
        CREATE TABLE knowledge_feedback (
            id INTEGER PRIMARY KEY,
            helpful INTEGER NOT NULL,
            question TEXT NOT NULL,
            passage_id INTEGER NOT NULL,
            document TEXT NOT NULL,
            heading TEXT NOT NULL,
            channel_id TEXT,
            given_at TEXT NOT NULL
        );
        CREATE INDEX knowledge_feedback_given_at ON knowledge_feedback (given_at);
        """,
    ];

    private readonly SqliteDatabase _database;

    public SqliteKnowledgeFeedbackStore(SqliteDatabase database)
    {
        _database = database;
        database.Migrate("knowledge", Schema);
    }

    public Task RecordUnansweredAsync(UnansweredQuestion question, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO knowledge_unanswered (question, outcome, confidence, channel_id, asked_at) VALUES ($q, $o, $c, $ch, $t)",
            ("$q", question.Question), ("$o", question.Outcome), ("$c", question.Confidence), ("$ch", question.ChannelId), ("$t", Timestamp(question.AskedAt)));

    public Task RecordFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO knowledge_feedback (helpful, question, passage_id, document, heading, channel_id, given_at) VALUES ($h, $q, $p, $d, $hd, $ch, $t)",
            ("$h", feedback.Helpful ? 1 : 0), ("$q", feedback.Question), ("$p", feedback.PassageId), ("$d", feedback.Document),
            ("$hd", feedback.Heading), ("$ch", feedback.ChannelId), ("$t", Timestamp(feedback.GivenAt)));

    public Task<IReadOnlyList<UnansweredQuestion>> RecentUnansweredAsync(int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT question, outcome, confidence, channel_id, asked_at FROM knowledge_unanswered ORDER BY asked_at DESC, id DESC LIMIT $n",
            limit,
            r => new UnansweredQuestion(r.GetString(0), r.GetString(1), r.GetDouble(2), r.IsDBNull(3) ? null : r.GetString(3), Parse(r.GetString(4))));

    public Task<IReadOnlyList<AnswerFeedback>> RecentFeedbackAsync(int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT helpful, question, passage_id, document, heading, channel_id, given_at FROM knowledge_feedback ORDER BY given_at DESC, id DESC LIMIT $n",
            limit,
            r => new AnswerFeedback(r.GetInt64(0) != 0, r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), Parse(r.GetString(6))));

    public Task<IReadOnlyList<PassageFeedbackCount>> FeedbackCountsAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        QueryAsync(
            """
            SELECT document, heading, SUM(helpful), SUM(1 - helpful), MAX(given_at) FROM knowledge_feedback
            WHERE given_at >= $t GROUP BY document, heading ORDER BY SUM(1 - helpful) DESC, SUM(helpful) ASC, document, heading LIMIT $n
            """,
            int.MaxValue,
            r => new PassageFeedbackCount(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), Parse(r.GetString(4))),
            ("$t", Timestamp(since)));

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        _database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM knowledge_unanswered WHERE asked_at < $t; DELETE FROM knowledge_feedback WHERE given_at < $t;";
            command.Parameters.AddWithValue("$t", Timestamp(cutoff));
            return command.ExecuteNonQuery();
        }, cancellationToken);

    // Fixed-width UTC timestamps sort and compare correctly as text.
    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    // Through the database's write gate: a second writing connection would collide with it on the file lock.
    private Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters) =>
        _database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            return command.ExecuteNonQuery();
        });

    private Task<IReadOnlyList<T>> QueryAsync<T>(string sql, int limit, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters) =>
        _database.ReadAsync<IReadOnlyList<T>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$n", limit);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(read(reader));
            }

            return rows;
        });
}
