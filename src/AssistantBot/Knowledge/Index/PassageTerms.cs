using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Answering;
using AssistantBot.Knowledge.Corpus;

namespace AssistantBot.Knowledge.Index;

/// <summary>
/// A passage's analysed stems as the index stores them: the heading's, then each answer unit's (sentence or list
/// item, as <see cref="SentenceSplitter"/> cuts the text), so re-ranking can see which question terms stand close
/// together and the answer can be cut to its best sentences without analysing the text again.
/// Stored as one line: <c>heading stems | unit stems | unit stems ...</c> (stems are letters and digits only).
/// </summary>
public sealed class PassageTerms
{
    public const char Separator = '|';

    private readonly string[] _all;
    private readonly int[] _unitStarts;

    private PassageTerms(string[] all, int headingLength, int[] unitStarts)
    {
        _all = all;
        HeadingLength = headingLength;
        _unitStarts = unitStarts;
    }

    /// <summary>Every stem, heading first, in order.</summary>
    public IReadOnlyList<string> All => _all;

    /// <summary>How many of <see cref="All"/> come from the heading.</summary>
    public int HeadingLength { get; }

    public int UnitCount => _unitStarts.Length;

    /// <summary>How many stems the body holds.</summary>
    public int BodyLength => _all.Length - HeadingLength;

    public ReadOnlySpan<string> Heading => _all.AsSpan(0, HeadingLength);

    /// <summary>The stems of answer unit <paramref name="unit"/> (0-based, in text order).</summary>
    public ReadOnlySpan<string> Unit(int unit)
    {
        var start = _unitStarts[unit];
        var end = unit + 1 < _unitStarts.Length ? _unitStarts[unit + 1] : _all.Length;
        return _all.AsSpan(start, end - start);
    }

    public static PassageTerms From(AnalyzedText heading, IReadOnlyList<AnalyzedText> units)
    {
        var all = new List<string>(heading.AllTerms.Count + units.Sum(u => u.AllTerms.Count));
        all.AddRange(heading.AllTerms.Select(t => t.Stem));
        var starts = new int[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            starts[i] = all.Count;
            all.AddRange(units[i].AllTerms.Select(t => t.Stem));
        }

        return new PassageTerms(all.ToArray(), heading.AllTerms.Count, starts);
    }

    public static PassageTerms Parse(string stored)
    {
        var all = new List<string>();
        var starts = new List<int>();
        var headingLength = -1;
        foreach (var part in stored.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length == 1 && part[0] == Separator)
            {
                if (headingLength < 0)
                {
                    headingLength = all.Count;
                }

                starts.Add(all.Count);
                continue;
            }

            all.Add(part);
        }

        // A line without separators (no units) is all heading.
        return new PassageTerms(all.ToArray(), headingLength < 0 ? all.Count : headingLength, starts.ToArray());
    }

    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.AppendJoin(' ', Heading.ToArray());
        for (var i = 0; i < UnitCount; i++)
        {
            text.Append(' ').Append(Separator);
            foreach (var stem in Unit(i))
            {
                text.Append(' ').Append(stem);
            }
        }

        return text.ToString();
    }
}

/// <summary>A passage analysed for the index: its heading, and each answer unit of its text.</summary>
public sealed record PassageAnalysis(AnalyzedText Heading, IReadOnlyList<AnalyzedText> Units)
{
    /// <param name="abbreviations">The document's abbreviations, so "PS" is also indexed as "performance status".</param>
    public static PassageAnalysis Of(TextAnalyzer analyzer, PassageDraft passage, Abbreviations? abbreviations = null) =>
        new(analyzer.AnalyzeDocument(passage.Heading),
            SentenceSplitter.Split(passage.Text).Select(u => analyzer.AnalyzeDocument(abbreviations?.Expand(u.Text) ?? u.Text)).ToArray());

    public PassageTerms Terms() => PassageTerms.From(Heading, Units);

    /// <summary>The body's terms in order, as FTS5 indexes them.</summary>
    public IEnumerable<AnalyzedTerm> BodyTerms => Units.SelectMany(u => u.AllTerms);
}
