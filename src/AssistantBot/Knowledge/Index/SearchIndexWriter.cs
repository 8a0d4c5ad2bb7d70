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
    private readonly Dictionary<string, (string Stem, int Passages)> _lexicon = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wordsInPassage = new(StringComparer.Ordinal);
    private int _documents;
    private int _passages;
    private bool _completed;

    static SearchIndexWriter() => SQLitePCL.Batteries_V2.Init();

    public SearchIndexWriter(string finalPath)
    {
        _finalPath = finalPath;
        _buildingPath = finalPath + ".building";
        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        File.Delete(_buildingPath);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _buildingPath, Pooling = false }.ToString());
        _connection.Open();
        // The file is private until renamed: nothing to protect with a journal, and a crash just means building again.
        Execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 8192; PRAGMA cache_size = -65536;");
        Execute(IndexSchema.Create);
        _transaction = _connection.BeginTransaction();
        _insertPassage = Prepare("INSERT INTO passages (id, document_id, heading, text, stems) VALUES ($id, $doc, $heading, $text, $stems)",
            "$id", "$doc", "$heading", "$text", "$stems");
        _insertTerms = Prepare("INSERT INTO passage_index (rowid, heading, body) VALUES ($id, $heading, $body)", "$id", "$heading", "$body");
    }

    public int PassageCount => _passages;

    public int AddDocument(CorpusDocument document)
    {
        using var command = Prepare(
            "INSERT INTO documents (id, file, title, publisher, date, date_kind, reviewed_by, topics) VALUES ($id, $file, $title, $publisher, $date, $kind, $reviewer, $topics)",
            "$id", "$file", "$title", "$publisher", "$date", "$kind", "$reviewer", "$topics");
        var id = ++_documents;
        Bind(command, id, document.File, document.Title, document.Publisher, document.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            document.DateKind, document.ReviewedBy, string.Join('\n', document.Topics));
        command.ExecuteNonQuery();
        return id;
    }

    /// <summary>Adds a passage whose heading and text are already analysed (analysis may run on other threads).</summary>
    public void AddPassage(int documentId, PassageDraft passage, AnalyzedText heading, AnalyzedText body)
    {
        var id = ++_passages;
        var stems = string.Join(' ', heading.AllTerms.Concat(body.AllTerms).Select(t => t.Stem));
        Bind(_insertPassage, id, documentId, passage.Heading, passage.Text, stems);
        _insertPassage.ExecuteNonQuery();
        Bind(_insertTerms, id, Terms(heading), Terms(body));
        _insertTerms.ExecuteNonQuery();
        CountWords(heading, body);
    }

    /// <summary>Writes the lexicon and the content hash, merges the FTS5 segments and gives the file its real name.</summary>
    public void Complete(string contentHash)
    {
        using (var lexicon = Prepare("INSERT INTO lexicon (word, stem, passages) VALUES ($w, $s, $n)", "$w", "$s", "$n"))
        {
            foreach (var (word, (stem, passages)) in _lexicon)
            {
                Bind(lexicon, word, stem, passages);
                lexicon.ExecuteNonQuery();
            }
        }

        using (var meta = Prepare("INSERT INTO meta (key, value) VALUES ($k, $v)", "$k", "$v"))
        {
            foreach (var (key, value) in new[]
            {
                (IndexSchema.HashKey, contentHash),
                ("built_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)),
                ("passages", _passages.ToString(CultureInfo.InvariantCulture)),
                ("documents", _documents.ToString(CultureInfo.InvariantCulture)),
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

    private static string Terms(AnalyzedText text) => string.Join(' ', text.AllTerms.Select(t => t.Text));

    private void CountWords(AnalyzedText heading, AnalyzedText body)
    {
        _wordsInPassage.Clear();
        foreach (var term in heading.AllTerms.Concat(body.AllTerms))
        {
            if (_wordsInPassage.Add(term.Text))
            {
                _lexicon[term.Text] = (term.Stem, _lexicon.GetValueOrDefault(term.Text).Passages + 1);
            }
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
