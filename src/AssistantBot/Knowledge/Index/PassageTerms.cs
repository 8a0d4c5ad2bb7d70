using System.Text;
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

/// <summary>
/// A passage analysed for the index: everything the writer stores, prepared here so that it is done on the cores that
/// analyse (in parallel) rather than on the one that writes.
/// </summary>
public sealed class PassageAnalysis
{
    /// <summary>
    /// The reference form, from the heading and each answer unit analysed by <see cref="TextAnalyzer.AnalyzeDocument"/>
    /// (or <see cref="TextAnalyzer.AnalyzeDocumentUnits"/>). <see cref="Of"/> gives the same, several times faster.
    /// </summary>
    public PassageAnalysis(AnalyzedText heading, IReadOnlyList<AnalyzedText> units)
    {
        var stored = new StringBuilder();
        var body = new StringBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var terms = new List<(string, string)>();
        var stems = new List<string>();
        var words = new List<string>();
        Append(stored, heading, null, terms, seen);
        for (var u = 0; u < units.Count; u++)
        {
            stored.Append(' ').Append(PassageTerms.Separator);
            Append(stored, units[u], body, terms, seen);
        }

        seen.Clear();
        TermCount = heading.AllTerms.Count;
        AddStems(heading, stems, seen);
        foreach (var unit in units)
        {
            TermCount += unit.AllTerms.Count;
            AddStems(unit, stems, seen);
        }

        seen.Clear();
        foreach (var unit in units.Prepend(heading))
        {
            foreach (var word in unit.Words)
            {
                if (seen.Add(word))
                {
                    words.Add(word);
                }
            }
        }

        StoredTerms = stored.ToString();
        HeadingTerms = string.Join(' ', heading.AllTerms.Select(t => t.Stem));
        BodyTerms = body.ToString();
        _terms = terms;
        _stems = stems;
        _words = words;
    }

    private readonly IReadOnlyList<(string, string)>? _terms;
    private readonly IReadOnlyList<string>? _stems;
    private readonly IReadOnlyList<string>? _words;

    private PassageAnalysis(string storedTerms, string headingTerms, string bodyTerms, int termCount, TermTable table, int[] termIds, int[] termStemIds, int[] stemIds, int[] wordIds)
    {
        StoredTerms = storedTerms;
        HeadingTerms = headingTerms;
        BodyTerms = bodyTerms;
        TermCount = termCount;
        Table = table;
        TermIds = termIds;
        TermStemIds = termStemIds;
        StemIds = stemIds;
        WordIds = wordIds;
    }

    /// <summary>The stems by unit, as <see cref="PassageTerms"/> stores them.</summary>
    public string StoredTerms { get; }

    /// <summary>The heading's and the body's stems as FTS5 indexes them, space-separated: FTS5 does no stemming of its own.</summary>
    public string HeadingTerms { get; }

    public string BodyTerms { get; }

    /// <summary>How many terms heading and body hold, repeats included.</summary>
    public int TermCount { get; }

    /// <summary>Each term once, with its stem; each stem once; each word as written once: what the lexicon counts.</summary>
    public IReadOnlyList<(string Term, string Stem)> DistinctTerms => _terms ?? TermIds!.Select((id, i) => (Table![id], Table[TermStemIds![i]])).ToArray();

    public IReadOnlyList<string> DistinctStems => _stems ?? StemIds!.Select(id => Table![id]).ToArray();

    public IReadOnlyList<string> DistinctWords => _words ?? WordIds!.Select(id => Table![id]).ToArray();

    /// <summary>For a passage analysed by <see cref="Of"/>: the table numbering its terms, stems and words.</summary>
    internal TermTable? Table { get; }

    /// <summary>The numbers of <see cref="DistinctTerms"/>' terms, of their stems, of <see cref="DistinctStems"/> and <see cref="DistinctWords"/>.</summary>
    internal int[]? TermIds { get; }

    internal int[]? TermStemIds { get; }

    internal int[]? StemIds { get; }

    internal int[]? WordIds { get; }

    /// <summary>
    /// Analyses a passage for the index: its heading, and each answer unit of its text (as <see cref="SentenceSplitter"/>
    /// cuts it) on its own, through <see cref="TextAnalyzer.AnalyzeDocumentInto(string, List{DocumentTerm}, List{DocumentTerm})"/>;
    /// distinct terms are found by their numbers, with scratch space reused per thread: a million-passage build runs
    /// this a million times.
    /// </summary>
    /// <param name="abbreviations">The document's abbreviations, so "PS" is also indexed as "performance status".</param>
    public static PassageAnalysis Of(TextAnalyzer analyzer, PassageDraft passage, Abbreviations? abbreviations = null)
    {
        var scratch = Scratch ??= new ScratchSpace();
        scratch.Clear();
        var (all, allWords, stored, body) = (scratch.Terms, scratch.Words, scratch.Stored, scratch.Body);
        analyzer.AnalyzeDocumentInto(passage.Heading, all, allWords);
        for (var t = 0; t < all.Count; t++)
        {
            (t > 0 ? stored.Append(' ') : stored).Append(all[t].Stem);
        }

        var headingTerms = stored.ToString();
        foreach (var unit in SentenceSplitter.Split(passage.Text))
        {
            stored.Append(' ').Append(PassageTerms.Separator);
            var first = all.Count;
            analyzer.AnalyzeDocumentInto(abbreviations?.Expand(unit.Text) ?? unit.Text, all, allWords);
            for (var t = first; t < all.Count; t++)
            {
                stored.Append(' ').Append(all[t].Stem);
                (body.Length > 0 ? body.Append(' ') : body).Append(all[t].Stem);
            }
        }

        // A passage's mark in the per-thread stamps says "already seen in this passage": no set to clear or hash.
        var table = analyzer.DocumentTerms;
        var (mark, termSeen, stemSeen, wordSeen) = scratch.Stamps(table.Count);
        var (termIds, termStemIds, stemIds, wordIds) = (scratch.TermIds, scratch.TermStemIds, scratch.StemIds, scratch.WordIds);
        foreach (var term in all)
        {
            if (termSeen[term.TextId] != mark)
            {
                termSeen[term.TextId] = mark;
                termIds.Add(term.TextId);
                termStemIds.Add(term.StemId);
            }

            if (stemSeen[term.StemId] != mark)
            {
                stemSeen[term.StemId] = mark;
                stemIds.Add(term.StemId);
            }
        }

        foreach (var word in allWords)
        {
            if (wordSeen[word.TextId] != mark)
            {
                wordSeen[word.TextId] = mark;
                wordIds.Add(word.TextId);
            }
        }

        return new PassageAnalysis(stored.ToString(), headingTerms, body.ToString(), all.Count, table, [.. termIds], [.. termStemIds], [.. stemIds], [.. wordIds]);
    }

    /// <summary>The reference analysis (<see cref="PassageAnalysis(AnalyzedText, IReadOnlyList{AnalyzedText})"/>), which <see cref="Of"/> must equal.</summary>
    public static PassageAnalysis Reference(TextAnalyzer analyzer, PassageDraft passage, Abbreviations? abbreviations = null) =>
        new(analyzer.AnalyzeDocument(passage.Heading),
            analyzer.AnalyzeDocumentUnits(SentenceSplitter.Split(passage.Text).Select(u => abbreviations?.Expand(u.Text) ?? u.Text).ToArray()));

    public PassageTerms Terms() => PassageTerms.Parse(StoredTerms);

    [ThreadStatic]
    private static ScratchSpace? Scratch;

    private sealed class ScratchSpace
    {
        private int[] _termSeen = [];
        private int[] _stemSeen = [];
        private int[] _wordSeen = [];
        private int _mark;

        public List<DocumentTerm> Terms { get; } = [];

        public List<DocumentTerm> Words { get; } = [];

        public StringBuilder Stored { get; } = new();

        public StringBuilder Body { get; } = new();

        public List<int> TermIds { get; } = [];

        public List<int> TermStemIds { get; } = [];

        public List<int> StemIds { get; } = [];

        public List<int> WordIds { get; } = [];

        public void Clear()
        {
            Terms.Clear();
            Words.Clear();
            Stored.Clear();
            Body.Clear();
            TermIds.Clear();
            TermStemIds.Clear();
            StemIds.Clear();
            WordIds.Clear();
        }

        /// <summary>A new passage's mark, and stamp arrays that hold every number below <paramref name="count"/>.</summary>
        public (int Mark, int[] TermSeen, int[] StemSeen, int[] WordSeen) Stamps(int count)
        {
            if (_termSeen.Length < count)
            {
                var size = Math.Max(count, _termSeen.Length * 2);
                Array.Resize(ref _termSeen, size);
                Array.Resize(ref _stemSeen, size);
                Array.Resize(ref _wordSeen, size);
            }

            return (++_mark, _termSeen, _stemSeen, _wordSeen);
        }
    }

    private static void Append(StringBuilder stored, AnalyzedText text, StringBuilder? body, List<(string, string)> terms, HashSet<string> seen)
    {
        foreach (var term in text.AllTerms)
        {
            if (stored.Length > 0)
            {
                stored.Append(' ');
            }

            stored.Append(term.Stem);
            if (body is not null)
            {
                (body.Length > 0 ? body.Append(' ') : body).Append(term.Stem);
            }

            if (seen.Add(term.Text))
            {
                terms.Add((term.Text, term.Stem));
            }
        }
    }

    private static void AddStems(AnalyzedText text, List<string> stems, HashSet<string> seen)
    {
        foreach (var term in text.AllTerms)
        {
            if (seen.Add(term.Stem))
            {
                stems.Add(term.Stem);
            }
        }
    }
}
