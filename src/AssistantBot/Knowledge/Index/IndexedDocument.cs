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

/// <param name="Terms">The analysed stems of heading and text, by answer unit.</param>
/// <param name="UnderTitle">The heading is the document's title: the passage's own section heading was lost or never there.</param>
public sealed record IndexedPassage(int Id, IndexedDocument Document, string Heading, string Text, PassageTerms Terms, bool UnderTitle)
{
    /// <summary>The analysed stems of heading and text, in order.</summary>
    public IReadOnlyList<string> Stems => Terms.All;

    /// <summary>The stems of every word of the heading, stop words too (for comparing a question-shaped heading with the question).</summary>
    public IReadOnlyList<string> HeadingWordStems { get; init; } = [];
}

/// <param name="PassageId">Row id in <c>passages</c>.</param>
/// <param name="Bm25">FTS5's bm25(): lower (more negative) is better.</param>
public readonly record struct SearchHit(int PassageId, double Bm25);
