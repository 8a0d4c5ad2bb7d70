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
    private readonly HashSet<string> _seenTerms = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenStems = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenWords = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, (string Stem, int Passages)> Terms => _terms;

    public IReadOnlyDictionary<string, int> Stems => _stems;

    public IReadOnlyDictionary<string, int> Words => _words;

    /// <summary>All analysed terms counted, repeats included: with the passage count, BM25's average passage length.</summary>
    public long TermOccurrences { get; private set; }

    public void Count(AnalyzedText heading, IReadOnlyList<AnalyzedText> body)
    {
        _seenTerms.Clear();
        _seenStems.Clear();
        _seenWords.Clear();
        foreach (var text in body.Prepend(heading))
        {
            TermOccurrences += text.AllTerms.Count;
            foreach (var term in text.AllTerms)
            {
                if (_seenTerms.Add(term.Text))
                {
                    _terms[term.Text] = (term.Stem, _terms.GetValueOrDefault(term.Text).Passages + 1);
                }

                if (_seenStems.Add(term.Stem))
                {
                    _stems[term.Stem] = _stems.GetValueOrDefault(term.Stem) + 1;
                }
            }

            foreach (var word in text.Words)
            {
                if (_seenWords.Add(word))
                {
                    _words[word] = _words.GetValueOrDefault(word) + 1;
                }
            }
        }
    }
}
