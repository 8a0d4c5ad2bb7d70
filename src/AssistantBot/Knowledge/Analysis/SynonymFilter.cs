namespace AssistantBot.Knowledge.Analysis;

/// <summary>
/// Sixth stage: every phrase of a synonym group becomes the group's one canonical term, so "stage IV", "late stage"
/// and "metastatic" all index and search as <c>stage4</c>. Phrases are compared stem by stem, so inflections match
/// ("spreading" is "spread"), and at each word the longest phrase wins ("non-small cell" before "small cell").
/// Stop words are still present here, so phrases may contain them ("how long").
/// </summary>
public sealed class SynonymFilter(SynonymSet synonyms) : ITokenFilter
{
    public void Apply(List<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (synonyms.LongestMatch(tokens, i) is not { } match)
            {
                continue;
            }

            var corrected = false;
            for (var k = i; k < i + match.Length; k++)
            {
                corrected |= tokens[k].Origin == TermOrigin.Corrected;
            }

            tokens.RemoveRange(i + 1, match.Length - 1);
            tokens[i] = new Token(match.Canonical)
            {
                Origin = corrected ? TermOrigin.Corrected : TermOrigin.Synonym,
            };
        }
    }
}

/// <summary>The synonym groups, indexed by the first stem of each phrase.</summary>
public sealed class SynonymSet
{
    public static readonly SynonymSet Empty = new([]);

    private readonly Dictionary<string, List<SynonymPhrase>> _byFirstStem = new(StringComparer.Ordinal);

    public SynonymSet(IEnumerable<SynonymPhrase> phrases)
    {
        foreach (var phrase in phrases)
        {
            Canonicals.Add(phrase.Canonical);
            PhraseStems.UnionWith(phrase.Stems);
            PhraseWords.UnionWith(phrase.Words ?? []);
            if (!_byFirstStem.TryGetValue(phrase.Stems[0], out var list))
            {
                _byFirstStem[phrase.Stems[0]] = list = [];
            }

            list.Add(phrase);
            list.Sort((a, b) => b.Stems.Count.CompareTo(a.Stems.Count));
        }
    }

    /// <summary>Every canonical term, so later stages (and the spelling corrector) know them as words.</summary>
    public HashSet<string> Canonicals { get; } = new(StringComparer.Ordinal);

    /// <summary>The stem of every word of every phrase: all of them are known words to the spelling corrector.</summary>
    public HashSet<string> PhraseStems { get; } = new(StringComparer.Ordinal);

    /// <summary>Every word of every phrase as written (normalised), for the spelling corrector to correct typos to.</summary>
    public HashSet<string> PhraseWords { get; } = new(StringComparer.Ordinal);

    public SynonymMatch? LongestMatch(List<Token> tokens, int start) => LongestMatch(tokens, start, static t => t.Stem);

    /// <summary>Whether some phrase begins with <paramref name="stem"/> (when not, no phrase can match at a word with it).</summary>
    public bool StartsPhrase(string stem) => _byFirstStem.ContainsKey(stem);

    /// <summary>The longest phrase starting at <paramref name="start"/> of any sequence of stemmed words.</summary>
    public SynonymMatch? LongestMatch<T>(IReadOnlyList<T> words, int start, Func<T, string> stemOf)
    {
        if (!_byFirstStem.TryGetValue(stemOf(words[start]), out var candidates))
        {
            return null;
        }

        foreach (var phrase in candidates)
        {
            if (start + phrase.Stems.Count > words.Count)
            {
                continue;
            }

            var matches = true;
            for (var k = 1; k < phrase.Stems.Count && matches; k++)
            {
                matches = stemOf(words[start + k]) == phrase.Stems[k];
            }

            if (matches)
            {
                return new SynonymMatch(phrase.Canonical, phrase.Stems.Count);
            }
        }

        return null;
    }
}

/// <param name="Canonical">The term the phrase stands for.</param>
/// <param name="Stems">The phrase's words, stemmed.</param>
/// <param name="Words">The phrase's words as written (normalised), when known.</param>
public sealed record SynonymPhrase(string Canonical, IReadOnlyList<string> Stems, IReadOnlyList<string>? Words = null);

public readonly record struct SynonymMatch(string Canonical, int Length);
