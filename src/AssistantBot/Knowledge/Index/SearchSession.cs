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
    private readonly SqliteCommand _list;
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
        _list = _connection.CreateCommand();
        _list.CommandText = "SELECT rowid FROM passage_index WHERE passage_index MATCH $query LIMIT $limit";
        _list.Parameters.Add(new SqliteParameter("$query", SqliteType.Text));
        _list.Parameters.Add(new SqliteParameter("$limit", SqliteType.Integer));
        _list.Prepare();
        _passage = _connection.CreateCommand();
        _passage.CommandText = "SELECT document_id, heading, text, stems, under_title FROM passages WHERE id = $id";
        _passage.Parameters.Add(new SqliteParameter("$id", SqliteType.Integer));
        _passage.Prepare();
    }

    /// <summary>An FTS5 query matching any of the terms (<c>"a" OR "b"</c>), or all of them (<c>"a" AND "b"</c>).</summary>
    public static string MatchExpression(IEnumerable<string> terms, bool all = false)
    {
        var query = new StringBuilder();
        foreach (var term in terms)
        {
            if (query.Length > 0)
            {
                query.Append(all ? " AND " : " OR ");
            }

            // Terms are letters and digits only; the quote is doubled anyway so this stays safe on its own.
            query.Append('"').Append(term.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return query.ToString();
    }

    /// <summary>Runs a plan (see <see cref="QueryPlanner"/>): up to <paramref name="limit"/> candidates, best first as far as the plan ranks them.</summary>
    public List<SearchHit> Search(QueryPlan plan, double headingWeight, int limit)
    {
        var hits = plan.Mode switch
        {
            QueryMode.RankedAny => Search(MatchExpression(plan.TermTexts), headingWeight, limit),
            QueryMode.RankedAll => Search(MatchExpression(plan.TermTexts, all: true), headingWeight, limit),
            QueryMode.FirstAll => List(MatchExpression(plan.TermTexts, all: true), limit).Select(id => new SearchHit(id, 0)).ToList(),
            _ => Counted(plan, limit),
        };
        if (hits.Count >= limit || plan.Fallback is null)
        {
            return hits;
        }

        var found = hits.Select(h => h.PassageId).ToHashSet();
        hits.AddRange(Search(plan.Fallback, headingWeight, limit).Where(h => found.Add(h.PassageId)).Take(limit - hits.Count));
        return hits;
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

    /// <summary>
    /// The passages holding most of the plan's terms, each term counting by its rarity (BM25's idf), read from each
    /// term's list of passages without ranking: the cost is the rows read, which the planner bounds.
    /// </summary>
    private List<SearchHit> Counted(QueryPlan plan, int limit)
    {
        var passages = _generation.PassageCount;
        var scores = new Dictionary<int, double>();
        foreach (var (term, count) in plan.Terms)
        {
            var idf = Math.Log(1 + (passages - count + 0.5) / (count + 0.5));
            foreach (var id in List(MatchExpression([term]), int.MaxValue))
            {
                scores[id] = scores.GetValueOrDefault(id) + idf;
            }
        }

        return scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(limit).Select(s => new SearchHit(s.Key, -s.Value)).ToList();
    }

    private List<int> List(string matchExpression, int limit)
    {
        _list.Parameters[0].Value = matchExpression;
        _list.Parameters[1].Value = limit;
        using var reader = _list.ExecuteReader();
        var ids = new List<int>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    public IndexedPassage? Passage(int id)
    {
        if (_generation.CachedPassage(id) is { } cached)
        {
            return cached;
        }

        _passage.Parameters[0].Value = id;
        using var reader = _passage.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var heading = reader.GetString(1);
        var passage = new IndexedPassage(id, _generation.Document(reader.GetInt32(0)), heading, reader.GetString(2), PassageTerms.Parse(reader.GetString(3)), reader.GetInt32(4) != 0)
        {
            HeadingWordStems = _generation.Analyzer.WordStems(heading),
        };
        _generation.Cache(passage);
        return passage;
    }

    public void Dispose()
    {
        _search.Dispose();
        _list.Dispose();
        _passage.Dispose();
        _connection.Dispose();
    }
}
