using System.Globalization;
using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Corpus;
using Microsoft.Data.Sqlite;

namespace AssistantBot.Knowledge.Index;

/// <summary>
/// Writes a new index file in one transaction, to a temporary name that becomes the real one only when complete,
/// so a crash mid-build never leaves a half index that looks whole.
/// </summary>
public sealed class SearchIndexWriter : IDisposable
{
    private readonly string _finalPath;
    private readonly string _buildingPath;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteCommand _insertPassage;
    private readonly SqliteCommand _insertTerms;
    private readonly LexiconCounter _lexicon = new();
    private readonly Dictionary<int, string> _titles = [];
    private int _documents;
    private int _passages;
    private bool _completed;

    static SearchIndexWriter() => SQLitePCL.Batteries_V2.Init();

    /// <param name="hashBytes">FTS5's 'hashsize' (see below); the default suits any corpus, other values are for measuring.</param>
    public SearchIndexWriter(string finalPath, int hashBytes = HashBytes)
    {
        _finalPath = finalPath;
        _buildingPath = finalPath + ".building";
        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        File.Delete(_buildingPath);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _buildingPath, Pooling = false }.ToString());
        _connection.Open();
        // The file is private until renamed: nothing to protect with a journal or locks, and a crash just means building
        // again. A large page cache (a ceiling, used only as a big build needs it) keeps the passage rows and FTS5's
        // segments from being written out and read back while the build goes on.
        Execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = MEMORY; PRAGMA page_size = 8192; PRAGMA cache_size = -1048576;");
        Execute(IndexSchema.Create);
        // FTS5 keeps new terms in memory and writes them out as a segment whenever they reach 'hashsize': 1 MiB by
        // default, so about 1,600 segments for a million passages, all read back and merged by the final 'optimize'
        // (14.5 s of a 103.6 s build). With HashBytes, tens of segments: 'optimize' and the lexicon took 5.6-7.4 s. A larger table
        // writes fewer segments but each term's lookup in it then misses the processor's caches (measured on 1,000,000
        // passages: 8 MiB 24.9 us per passage on the writing thread, 32 MiB 30.4, 128 MiB 33.6, 512 MiB 30.5).
        // Merging while writing costs more than the writing itself: none until 'optimize' (crisismerge at its maximum,
        // below FTS5's limit of 2,000 segments).
        Execute($"INSERT INTO passage_index (passage_index, rank) VALUES ('hashsize', {hashBytes}); INSERT INTO passage_index (passage_index, rank) VALUES ('automerge', 0); INSERT INTO passage_index (passage_index, rank) VALUES ('crisismerge', 1999);");
        _transaction = _connection.BeginTransaction();
        _insertPassage = Prepare("INSERT INTO passages (id, document_id, heading, text, stems, under_title) VALUES ($id, $doc, $heading, $text, $stems, $title)",
            "$id", "$doc", "$heading", "$text", "$stems", "$title");
        _insertTerms = Prepare("INSERT INTO passage_index (rowid, heading, body) VALUES ($id, $heading, $body)", "$id", "$heading", "$body");
    }

    public int PassageCount => _passages;

    /// <summary>How much FTS5 may hold in memory before writing a segment (see the constructor).</summary>
    public const int HashBytes = 8 * 1024 * 1024;

    public int AddDocument(CorpusDocument document)
    {
        using var command = Prepare(
            "INSERT INTO documents (id, file, title, publisher, date, date_kind, reviewed_by, topics) VALUES ($id, $file, $title, $publisher, $date, $kind, $reviewer, $topics)",
            "$id", "$file", "$title", "$publisher", "$date", "$kind", "$reviewer", "$topics");
        var id = ++_documents;
        Bind(command, id, document.File, document.Title, document.Publisher, document.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            document.DateKind, document.ReviewedBy, string.Join('\n', document.Topics));
        command.ExecuteNonQuery();
        _titles[id] = document.Title;
        return id;
    }

    /// <summary>
    /// Adds passages whose heading and text are already analysed (analysis may run on other threads). The lexicon
    /// is counted on another thread while this one writes the rows: on a large build both take long, and the rows
    /// (one SQLite connection) cannot be split.
    /// </summary>
    public void AddPassages(IReadOnlyList<(int DocumentId, PassageDraft Passage, PassageAnalysis Analysis)> batch)
    {
        var counting = Task.Run(() =>
        {
            foreach (var (_, _, analysis) in batch)
            {
                _lexicon.Count(analysis);
            }
        });
        try
        {
            foreach (var (documentId, passage, analysis) in batch)
            {
                Insert(documentId, passage, analysis);
            }
        }
        finally
        {
            counting.GetAwaiter().GetResult();
        }
    }

    /// <summary>Adds a passage whose heading and text are already analysed.</summary>
    public void AddPassage(int documentId, PassageDraft passage, PassageAnalysis analysis)
    {
        Insert(documentId, passage, analysis);
        _lexicon.Count(analysis);
    }

    private void Insert(int documentId, PassageDraft passage, PassageAnalysis analysis)
    {
        var id = ++_passages;
        var underTitle = _titles.TryGetValue(documentId, out var title) && string.Equals(passage.Heading, title, StringComparison.Ordinal);
        Bind(_insertPassage, id, documentId, passage.Heading, passage.Text, analysis.StoredTerms, underTitle ? 1 : 0);
        _insertPassage.ExecuteNonQuery();
        Bind(_insertTerms, id, analysis.HeadingTerms, analysis.BodyTerms);
        _insertTerms.ExecuteNonQuery();
    }

    /// <summary>Writes the lexicon and the content hash, merges the FTS5 segments and gives the file its real name.</summary>
    public void Complete(string contentHash)
    {
        using (var lexicon = Prepare("INSERT INTO lexicon (word, stem, passages) VALUES ($w, $s, $n)", "$w", "$s", "$n"))
        {
            foreach (var (word, (stem, passages)) in _lexicon.Terms)
            {
                Bind(lexicon, word, stem, passages);
                lexicon.ExecuteNonQuery();
            }
        }

        WriteCounts("INSERT INTO stem_counts (stem, passages) VALUES ($k, $n)", _lexicon.Stems);
        WriteCounts("INSERT INTO vocabulary (word, passages) VALUES ($k, $n)", _lexicon.Words);

        using (var meta = Prepare("INSERT INTO meta (key, value) VALUES ($k, $v)", "$k", "$v"))
        {
            foreach (var (key, value) in new[]
            {
                (IndexSchema.HashKey, contentHash),
                ("built_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)),
                ("passages", _passages.ToString(CultureInfo.InvariantCulture)),
                ("documents", _documents.ToString(CultureInfo.InvariantCulture)),
                (IndexSchema.TermsKey, _lexicon.TermOccurrences.ToString(CultureInfo.InvariantCulture)),
                (IndexSchema.CompleteKey, "1"),
            })
            {
                Bind(meta, key, value);
                meta.ExecuteNonQuery();
            }
        }

        _transaction.Commit();
        Execute("INSERT INTO passage_index (passage_index) VALUES ('optimize');");
        _connection.Close();
        File.Move(_buildingPath, _finalPath, overwrite: true);
        _completed = true;
    }

    public void Dispose()
    {
        _insertPassage.Dispose();
        _insertTerms.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
        if (!_completed)
        {
            File.Delete(_buildingPath);
        }
    }

    private void WriteCounts(string sql, IReadOnlyDictionary<string, int> counts)
    {
        using var insert = Prepare(sql, "$k", "$n");
        foreach (var (key, passages) in counts)
        {
            Bind(insert, key, passages);
            insert.ExecuteNonQuery();
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
