using System.Runtime.InteropServices;
using AssistantBot.Knowledge.Analysis;

namespace AssistantBot.Knowledge.Index;

/// <summary>
/// Counts, while an index is written, in how many passages each analysed term, each stem and each word as written
/// occurs: the document frequencies that weigh terms, plan queries and feed the spelling corrector.
/// </summary>
public sealed class LexiconCounter
{
    private readonly Dictionary<string, (string Stem, int Passages)> _terms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _stems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, (string Stem, int Passages)> Terms => _terms;

    public IReadOnlyDictionary<string, int> Stems => _stems;

    public IReadOnlyDictionary<string, int> Words => _words;

    /// <summary>All analysed terms counted, repeats included: with the passage count, BM25's average passage length.</summary>
    public long TermOccurrences { get; private set; }

    /// <summary>Counts one passage, whose distinct terms, stems and words were found while it was analysed.</summary>
    public void Count(PassageAnalysis passage)
    {
        TermOccurrences += passage.TermCount;
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
}
