namespace AssistantBot.Knowledge.Corpus;

/// <summary>One source document and what is known about it, from the manifest or its front matter.</summary>
/// <param name="File">The file name in the corpus directory; the document's identity.</param>
/// <param name="Title">As the source titles it (or a descriptive title where it states none).</param>
/// <param name="Publisher">Null where the text names none.</param>
/// <param name="Date">The date the source gives, with <paramref name="DateKind"/> saying what it is ("updated", "posted").</param>
/// <param name="ReviewedBy">The medical reviewer the source names.</param>
/// <param name="Topics">What it is about; topics naming a cancer ("lung cancer") tie it to that cancer.</param>
/// <param name="Body">The text as written, front matter removed.</param>
public sealed record CorpusDocument(
    string File,
    string Title,
    string? Publisher,
    DateOnly? Date,
    string? DateKind,
    string? ReviewedBy,
    IReadOnlyList<string> Topics,
    string Body);

/// <summary>A piece of a document that can answer a question on its own, under its section heading.</summary>
public sealed record PassageDraft(string Heading, string Text);
