using System.Text;
using Microsoft.Data.Sqlite;

namespace AssistantBot.Knowledge.Index;

/// <summary>
/// One open read-only connection to an index with its statements prepared once, used by one search at a time.
/// The MATCH expression is built only from analysed terms, each double-quoted: the analyzer keeps letters and digits
/// only, so no user text can ever be read by FTS5 as an operator, column filter or bracket.
/// </summary>
public sealed class SearchSession : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _search;
    private readonly SqliteCommand _passage;
    private readonly IndexGeneration _generation;

    public SearchSession(string connectionString, IndexGeneration generation)
    {
        _generation = generation;
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _search = _connection.CreateCommand();
        _search.CommandText =
            "SELECT rowid, bm25(passage_index, $headingWeight, 1.0) AS score FROM passage_index WHERE passage_index MATCH $query ORDER BY score LIMIT $limit";
        _search.Parameters.Add(new SqliteParameter("$headingWeight", SqliteType.Real));
        _search.Parameters.Add(new SqliteParameter("$query", SqliteType.Text));
        _search.Parameters.Add(new SqliteParameter("$limit", SqliteType.Integer));
        _search.Prepare();
        _passage = _connection.CreateCommand();
        _passage.CommandText = "SELECT document_id, heading, text, stems FROM passages WHERE id = $id";
        _passage.Parameters.Add(new SqliteParameter("$id", SqliteType.Integer));
        _passage.Prepare();
    }

    /// <summary>An FTS5 query matching any of the terms: <c>"a" OR "b"</c>.</summary>
    public static string MatchExpression(IEnumerable<string> terms)
    {
        var query = new StringBuilder();
        foreach (var term in terms)
        {
            if (query.Length > 0)
            {
                query.Append(" OR ");
            }

            // Terms are letters and digits only; the quote is doubled anyway so this stays safe on its own.
            query.Append('"').Append(term.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return query.ToString();
    }

    public List<SearchHit> Search(string matchExpression, double headingWeight, int limit)
    {
        _search.Parameters[0].Value = headingWeight;
        _search.Parameters[1].Value = matchExpression;
        _search.Parameters[2].Value = limit;
        using var reader = _search.ExecuteReader();
        var hits = new List<SearchHit>(limit);
        while (reader.Read())
        {
            hits.Add(new SearchHit(reader.GetInt32(0), reader.GetDouble(1)));
        }

        return hits;
    }

    public IndexedPassage? Passage(int id)
    {
        _passage.Parameters[0].Value = id;
        using var reader = _passage.ExecuteReader();
        return reader.Read()
            ? new IndexedPassage(id, _generation.Document(reader.GetInt32(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            : null;
    }

    public void Dispose()
    {
        _search.Dispose();
        _passage.Dispose();
        _connection.Dispose();
    }
}
