using System.Runtime.InteropServices;
using AssistantBot.Knowledge.Analysis;

namespace AssistantBot.Knowledge.Index;

/// <summary>
/// Counts, while an index is written, in how many passages each analysed term, each stem and each word as written
/// occurs: the document frequencies that weigh terms, plan queries and feed the spelling corrector. Passages from
/// <see cref="PassageAnalysis.Of"/> are counted by their terms' numbers in arrays (a million-passage build counts a
/// hundred million of them: hashing the strings cost more than the rest of the counting); others by their strings.
/// </summary>
public sealed class LexiconCounter
{
    private readonly Dictionary<string, (string Stem, int Passages)> _terms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _stems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);
    private TermTable? _table;
    private int[] _termPassages = [];
    private int[] _termStems = [];
    private int[] _stemPassages = [];
    private int[] _wordPassages = [];

    public IReadOnlyDictionary<string, (string Stem, int Passages)> Terms => Merged()._terms;

    public IReadOnlyDictionary<string, int> Stems => Merged()._stems;

    public IReadOnlyDictionary<string, int> Words => Merged()._words;

    /// <summary>All analysed terms counted, repeats included: with the passage count, BM25's average passage length.</summary>
    public long TermOccurrences { get; private set; }

    /// <summary>Counts one passage, whose distinct terms, stems and words were found while it was analysed.</summary>
    public void Count(PassageAnalysis passage)
    {
        TermOccurrences += passage.TermCount;
        if (passage.Table is { } table && (_table ?? table) == table)
        {
            CountNumbered(passage, table);
            return;
        }

        foreach (var (term, stem) in passage.DistinctTerms)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_terms, term, out _);
            entry = (stem, entry.Passages + 1);
        }

        foreach (var stem in passage.DistinctStems)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_stems, stem, out _)++;
        }

        foreach (var word in passage.DistinctWords)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_words, word, out _)++;
        }
    }

    private void CountNumbered(PassageAnalysis passage, TermTable table)
    {
        _table = table;
        var count = table.Count;
        if (_termPassages.Length < count)
        {
            var size = Math.Max(count, _termPassages.Length * 2);
            Array.Resize(ref _termPassages, size);
            Array.Resize(ref _termStems, size);
            Array.Resize(ref _stemPassages, size);
            Array.Resize(ref _wordPassages, size);
        }

        var (terms, termStems) = (passage.TermIds!, passage.TermStemIds!);
        for (var i = 0; i < terms.Length; i++)
        {
            _termPassages[terms[i]]++;
            _termStems[terms[i]] = termStems[i];
        }

        foreach (var stem in passage.StemIds!)
        {
            _stemPassages[stem]++;
        }

        foreach (var word in passage.WordIds!)
        {
            _wordPassages[word]++;
        }
    }

    /// <summary>Moves the counts kept by number into the dictionaries by string.</summary>
    private LexiconCounter Merged()
    {
        if (_table is not { } table)
        {
            return this;
        }

        for (var id = 0; id < _termPassages.Length; id++)
        {
            if (_termPassages[id] > 0)
            {
                ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_terms, table[id], out _);
                entry = (table[_termStems[id]], entry.Passages + _termPassages[id]);
            }

            if (_stemPassages[id] > 0)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_stems, table[id], out _) += _stemPassages[id];
            }

            if (_wordPassages[id] > 0)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_words, table[id], out _) += _wordPassages[id];
            }
        }

        (_table, _termPassages, _termStems, _stemPassages, _wordPassages) = (null, [], [], [], []);
        return this;
    }
}
