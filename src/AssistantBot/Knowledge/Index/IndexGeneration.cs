using System.Collections.Concurrent;
using System.Globalization;
using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Answering;
using AssistantBot.Knowledge.Ranking;
using Microsoft.Data.Sqlite;

namespace AssistantBot.Knowledge.Index;

/// <summary>
/// One built index file, opened read-only, with the analyzer and cancer topics of the corpus it was built from.
/// Searches take a lease; a replaced generation closes its connections and deletes its file only once the last
/// lease is returned, which is what lets the corpus be re-indexed under live traffic without failing a turn.
/// </summary>
public sealed class IndexGeneration
{
    private readonly ConcurrentBag<SearchSession> _idle = [];
    private readonly string _connectionString;
    private readonly object _gate = new();
    private readonly Dictionary<int, IndexedDocument> _documents;
    private readonly ConcurrentDictionary<int, IndexedPassage> _passages = new();
    private int _leases;
    private bool _retired;
    private bool _keepFile;

    static IndexGeneration() => SQLitePCL.Batteries_V2.Init();

    private IndexGeneration(string path, string contentHash, TextAnalyzer analyzer, QuestionData questions, Dictionary<int, IndexedDocument> documents, string connectionString)
    {
        Path = path;
        ContentHash = contentHash;
        Analyzer = analyzer;
        Cancers = questions.Cancers;
        Cues = questions.Cues;
        _documents = documents;
        _connectionString = connectionString;
    }

    public string Path { get; }

    public string ContentHash { get; }

    public TextAnalyzer Analyzer { get; }

    public CancerTopics Cancers { get; }

    public QuestionCues Cues { get; }

    public IReadOnlyCollection<IndexedDocument> Documents => _documents.Values;

    public int PassageCount => Analyzer.Lexicon.PassageCount;

    /// <summary>Opens a complete index file; null when the file is missing, unfinished or from another corpus.</summary>
    public static IndexGeneration? Open(string path, string expectedHash, AnalysisResources resources, Func<TextAnalyzer, QuestionData> loadQuestionData)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var meta = ReadPairs(connection, "SELECT key, value FROM meta");
        if (meta.GetValueOrDefault(IndexSchema.CompleteKey) != "1" || meta.GetValueOrDefault(IndexSchema.HashKey) != expectedHash)
        {
            return null;
        }

        var passages = int.Parse(meta["passages"], CultureInfo.InvariantCulture);
        var lexicon = new Lexicon(ReadLexicon(connection), passages, ReadCounts(connection, "SELECT stem, passages FROM stem_counts"), ReadCounts(connection, "SELECT word, passages FROM vocabulary"))
        {
            AveragePassageTerms = passages == 0 ? 0 : long.Parse(meta.GetValueOrDefault(IndexSchema.TermsKey, "0"), CultureInfo.InvariantCulture) / (double)passages,
        };
        var analyzer = new TextAnalyzer(resources, lexicon);
        var questions = loadQuestionData(analyzer);
        var documents = ReadDocuments(connection, analyzer, questions.Cancers);
        return new IndexGeneration(path, expectedHash, analyzer, questions, documents, connectionString);
    }

    public Lease Acquire()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_retired && _leases == 0, this);
            _leases++;
        }

        return new Lease(this);
    }

    /// <summary>No new searches come here; the file goes once the searches in flight are done.</summary>
    public void Retire()
    {
        lock (_gate)
        {
            _retired = true;
            if (_leases > 0)
            {
                return;
            }
        }

        Close();
    }

    /// <summary>Closes the connections at shutdown, keeping the file for the next start.</summary>
    public void Shutdown()
    {
        lock (_gate)
        {
            _retired = true;
            _keepFile = true;
        }

        if (_leases == 0)
        {
            Close();
        }
    }

    public IndexedDocument Document(int id) => _documents[id];

    /// <summary>
    /// Passages already read and parsed, when the whole corpus has at most <see cref="CachedPassages"/>: a corpus of
    /// articles is kept whole, so a question costs no row reads. A larger one reads what each question needs (a
    /// partial cache would only favour the questions asked first, and benchmarks that repeat them).
    /// </summary>
    public IndexedPassage? CachedPassage(int id) => _passages.TryGetValue(id, out var passage) ? passage : null;

    public void Cache(IndexedPassage passage)
    {
        if (PassageCount <= CachedPassages)
        {
            _passages.TryAdd(passage.Id, passage);
        }
    }

    public const int CachedPassages = 20_000;

    private void Release(SearchSession? session)
    {
        if (session is not null)
        {
            _idle.Add(session);
        }

        lock (_gate)
        {
            if (--_leases > 0 || !_retired)
            {
                return;
            }
        }

        Close();
    }

    private void Close()
    {
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }

        if (_keepFile)
        {
            return;
        }

        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Another process (a tool) may have it open; the next start cleans up old files.
        }
    }

    private static Dictionary<string, string> ReadPairs(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            pairs[reader.GetString(0)] = reader.GetString(1);
        }

        return pairs;
    }

    private static List<KeyValuePair<string, int>> ReadCounts(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var counts = new List<KeyValuePair<string, int>>();
        while (reader.Read())
        {
            counts.Add(new(reader.GetString(0), reader.GetInt32(1)));
        }

        return counts;
    }

    private static List<LexiconEntry> ReadLexicon(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT word, stem, passages FROM lexicon";
        using var reader = command.ExecuteReader();
        var entries = new List<LexiconEntry>();
        while (reader.Read())
        {
            entries.Add(new LexiconEntry(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        }

        return entries;
    }

    private static Dictionary<int, IndexedDocument> ReadDocuments(SqliteConnection connection, TextAnalyzer analyzer, CancerTopics cancers)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, file, title, publisher, date, date_kind, reviewed_by, topics FROM documents";
        using var reader = command.ExecuteReader();
        var documents = new Dictionary<int, IndexedDocument>();
        while (reader.Read())
        {
            var topics = reader.GetString(7).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var named = topics.SelectMany(t => cancers.Named(analyzer.AnalyzeDocument(t).AllTerms.Select(a => a.Stem).ToList())).ToHashSet(StringComparer.Ordinal);
            documents[reader.GetInt32(0)] = new IndexedDocument(
                reader.GetInt32(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : DateOnly.ParseExact(reader.GetString(4), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                topics,
                named);
        }

        return documents;
    }

    /// <summary>A search's hold on this generation; returns its connection to the pool when disposed.</summary>
    public sealed class Lease(IndexGeneration generation) : IDisposable
    {
        private SearchSession? _session;
        private bool _disposed;

        public IndexGeneration Generation { get; } = generation;

        public SearchSession Session => _session ??= Generation._idle.TryTake(out var idle) ? idle : new SearchSession(Generation._connectionString, Generation);

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Generation.Release(_session);
        }
    }
}
