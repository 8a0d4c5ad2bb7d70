namespace AssistantBot.Knowledge.Index;

/// <summary>A document as the index knows it: what a citation needs, and the cancers it is about.</summary>
public sealed record IndexedDocument(
    int Id,
    string File,
    string Title,
    string? Publisher,
    DateOnly? Date,
    string? DateKind,
    string? ReviewedBy,
    IReadOnlyList<string> Topics,
    IReadOnlySet<string> Cancers);

/// <param name="Stems">The analysed stems of heading and text, in order.</param>
public sealed record IndexedPassage(int Id, IndexedDocument Document, string Heading, string Text, IReadOnlyList<string> Stems);

/// <param name="PassageId">Row id in <c>passages</c>.</param>
/// <param name="Bm25">FTS5's bm25(): lower (more negative) is better.</param>
public readonly record struct SearchHit(int PassageId, double Bm25);
