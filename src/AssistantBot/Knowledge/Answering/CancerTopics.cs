using AssistantBot.Knowledge.Analysis;
using YamlDotNet.RepresentationModel;

namespace AssistantBot.Knowledge.Answering;

/// <summary>
/// Which cancers a text names, from <c>cancer-types.yaml</c> (see its header). Works on analysed stems, so it reads
/// questions, passages and document topics alike.
/// </summary>
public sealed class CancerTopics
{
    public const string FileName = "cancer-types.yaml";

    public static readonly CancerTopics None = new([], new Dictionary<string, string>(), new Dictionary<string, string>(), null);

    private readonly HashSet<string> _nouns;
    private readonly Dictionary<string, string> _words;  // stem → cancer, when a noun follows
    private readonly Dictionary<string, string> _alone;  // stem → cancer, on its own

    public CancerTopics(IEnumerable<string> nouns, IReadOnlyDictionary<string, string> words, IReadOnlyDictionary<string, string> alone, string? assumed)
    {
        _nouns = nouns.ToHashSet(StringComparer.Ordinal);
        _words = new Dictionary<string, string>(words, StringComparer.Ordinal);
        _alone = new Dictionary<string, string>(alone, StringComparer.Ordinal);
        Assumed = assumed;
    }

    /// <summary>The cancer a question that names none is taken to be about.</summary>
    public string? Assumed { get; }

    /// <summary>Cancers the text is about: a cancer word followed (within two words) by a noun such as "cancer", or a word that names one alone.</summary>
    public IReadOnlySet<string> Named(IReadOnlyList<string> stems)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < stems.Count; i++)
        {
            if (_alone.TryGetValue(stems[i], out var cancer))
            {
                named.Add(cancer);
            }
            else if (_words.TryGetValue(stems[i], out cancer) && NounFollows(stems, i))
            {
                named.Add(cancer);
            }
        }

        return named;
    }

    /// <summary>Whether a stem is a noun such as "cancer" or "tumor".</summary>
    public bool IsNoun(string stem) => _nouns.Contains(stem);

    /// <summary>Whether a stem only says which cancer (or that it is a cancer), not what is asked about it.</summary>
    public bool NamesACancer(string stem) => _nouns.Contains(stem) || _words.ContainsKey(stem) || _alone.ContainsKey(stem);

    /// <summary>
    /// Whether a stem, in a question about <paramref name="about"/>, only says which cancer it is: a noun such as
    /// "cancer", or a word of one of those cancers. A word of another cancer is then a place the question asks about:
    /// in "Does radiation help with bone pain?" (lung cancer, assumed) "bone" is where the pain is, not the cancer, and a
    /// passage without it does not hold the question. With no cancer to go by, every cancer word names one.
    /// </summary>
    public bool NamesOneOf(string stem, IReadOnlySet<string> about) =>
        _nouns.Contains(stem)
        || (about.Count == 0
            ? NamesACancer(stem)
            : (_words.TryGetValue(stem, out var cancer) && about.Contains(cancer)) || (_alone.TryGetValue(stem, out cancer) && about.Contains(cancer)));

    /// <summary>Cancers the text so much as mentions, with or without a noun ("lung and bronchus 5.8%").</summary>
    public IReadOnlySet<string> Mentioned(IEnumerable<string> stems)
    {
        var mentioned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stem in stems)
        {
            if (_alone.TryGetValue(stem, out var cancer) || _words.TryGetValue(stem, out cancer))
            {
                mentioned.Add(cancer);
            }
        }

        return mentioned;
    }

    public static CancerTopics Load(string directory, TextAnalyzer analyzer)
    {
        if (DataFileYaml.LoadMapping(directory, FileName, "nouns, assumed and cancers") is not var (path, root))
        {
            return None;
        }

        var nouns = Stems(Child(root, "nouns"), analyzer, path);
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        var alone = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(root, "cancers") is not YamlMappingNode cancers)
        {
            throw new DataFileException(path, (int)root.Start.Line, "'cancers' must map each cancer to its words");
        }

        foreach (var (key, value) in cancers.Children)
        {
            var cancer = key.ToString();
            foreach (var stem in Stems(Child(value, "words"), analyzer, path))
            {
                words[stem] = cancer;
            }

            foreach (var stem in Stems(Child(value, "alone"), analyzer, path))
            {
                alone[stem] = cancer;
            }
        }

        var assumed = (Child(root, "assumed") as YamlScalarNode)?.Value;
        if (assumed is not null && !cancers.Children.ContainsKey(new YamlScalarNode(assumed)))
        {
            throw new DataFileException(path, (int)Child(root, "assumed")!.Start.Line, $"assumed cancer '{assumed}' is not among the cancers");
        }

        return new CancerTopics(nouns, words, alone, assumed);
    }

    private bool NounFollows(IReadOnlyList<string> stems, int i)
    {
        for (var k = i + 1; k <= i + 2 && k < stems.Count; k++)
        {
            if (_nouns.Contains(stems[k]))
            {
                return true;
            }
        }

        return false;
    }

    private static YamlNode? Child(YamlNode node, string key) => DataFileYaml.Child(node, key);

    private static IEnumerable<string> Stems(YamlNode? list, TextAnalyzer analyzer, string path) => list switch
    {
        null => [],
        YamlSequenceNode sequence => sequence.Children.SelectMany(c => analyzer.AnalyzeDocument(c.ToString()).AllTerms.Select(t => t.Stem)).ToList(),
        _ => throw new DataFileException(path, (int)list.Start.Line, "expected a list of words"),
    };
}
