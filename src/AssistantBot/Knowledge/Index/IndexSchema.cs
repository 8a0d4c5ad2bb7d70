namespace AssistantBot.Knowledge.Index;

/// <summary>
/// The search index file. <c>passage_index</c> is an FTS5 table over the analysed terms of each passage (Porter
/// stemming by FTS5's own tokenizer, BM25 ranking, headings and bodies as separate columns so headings can weigh
/// more; bm25() needs the default detail=full, which records where each term occurs); it is contentless, because the display text lives once, in <c>passages</c>. The file is written whole and
/// never changed afterwards, so it needs no migrations: a new corpus is a new file.
/// </summary>
public static class IndexSchema
{
    public const string Create =
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            file TEXT NOT NULL,
            title TEXT NOT NULL,
            publisher TEXT,
            date TEXT,
            date_kind TEXT,
            reviewed_by TEXT,
            topics TEXT NOT NULL
        );
        CREATE TABLE passages (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL,
            heading TEXT NOT NULL,
            text TEXT NOT NULL,
            stems TEXT NOT NULL
        );
        CREATE TABLE lexicon (word TEXT PRIMARY KEY, stem TEXT NOT NULL, passages INTEGER NOT NULL) WITHOUT ROWID;
        CREATE VIRTUAL TABLE passage_index USING fts5(
            heading, body,
            content = '',
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        """;

    public const string HashKey = "content_hash";
    public const string CompleteKey = "complete";
}
