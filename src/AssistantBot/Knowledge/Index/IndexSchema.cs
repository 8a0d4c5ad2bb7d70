namespace AssistantBot.Knowledge.Index;

/// <summary>
/// The search index file. <c>passage_index</c> is an FTS5 table over the Porter stems of each passage's analysed terms
/// (stemmed by the analyzer, so FTS5's plain tokenizer adds no stemming of its own and its tokens are exactly the
/// stems the lexicon counts, which the query planner relies on), headings and bodies as separate columns so headings
/// can weigh more in bm25() (which needs the default detail=full). It is contentless, because the display text lives
/// once, in <c>passages</c>, with the stems by sentence for re-ranking. The file is written whole and never changed
/// afterwards, so it needs no migrations: a new corpus is a new file.
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
            stems TEXT NOT NULL,
            under_title INTEGER NOT NULL
        );
        CREATE TABLE lexicon (word TEXT PRIMARY KEY, stem TEXT NOT NULL, passages INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE stem_counts (stem TEXT PRIMARY KEY, passages INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE vocabulary (word TEXT PRIMARY KEY, passages INTEGER NOT NULL) WITHOUT ROWID;
        CREATE VIRTUAL TABLE passage_index USING fts5(
            heading, body,
            content = '',
            tokenize = 'unicode61 remove_diacritics 0'
        );
        """;

    public const string HashKey = "content_hash";
    public const string CompleteKey = "complete";

    /// <summary>How many analysed terms all passages hold together (heading and body), for BM25's average length.</summary>
    public const string TermsKey = "terms";
}
