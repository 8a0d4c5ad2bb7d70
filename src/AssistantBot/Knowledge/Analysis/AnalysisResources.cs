using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace AssistantBot.Knowledge.Analysis;

/// <summary>
/// The analysis data a content editor can change: <c>synonyms.yaml</c> (canonical term → phrases) and
/// <c>stopwords.txt</c> (words, <c>#</c> comments). Both live in the corpus directory, so changing them rebuilds the index.
/// </summary>
public sealed partial class AnalysisResources
{
    public const string SynonymsFile = "synonyms.yaml";
    public const string StopWordsFile = "stopwords.txt";

    public static readonly AnalysisResources None = new(SynonymSet.Empty, new HashSet<string>(StringComparer.Ordinal));

    public AnalysisResources(SynonymSet synonyms, IReadOnlySet<string> stopWords)
    {
        Synonyms = synonyms;
        StopWords = stopWords;
    }

    public SynonymSet Synonyms { get; }

    public IReadOnlySet<string> StopWords { get; }

    /// <summary>Loads both files from <paramref name="directory"/>; a missing file means none of that kind.</summary>
    public static AnalysisResources Load(string directory)
    {
        var stopWordsPath = Path.Combine(directory, StopWordsFile);
        var stopWords = File.Exists(stopWordsPath) ? ParseStopWords(File.ReadAllText(stopWordsPath)) : new HashSet<string>(StringComparer.Ordinal);
        var synonymsPath = Path.Combine(directory, SynonymsFile);
        var synonyms = File.Exists(synonymsPath) ? ParseSynonyms(File.ReadAllText(synonymsPath), synonymsPath) : SynonymSet.Empty;
        return new AnalysisResources(synonyms, stopWords);
    }

    public static HashSet<string> ParseStopWords(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var content = line.Split('#')[0];
            foreach (var word in content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                words.Add(TextNormalizer.Normalize(word, 100).Replace("'", string.Empty, StringComparison.Ordinal));
            }
        }

        return words;
    }

    /// <summary>Parses the synonym groups, refusing with the file and line anything ambiguous or malformed.</summary>
    public static SynonymSet ParseSynonyms(string yaml, string file)
    {
        var root = DataFileYaml.Parse(yaml, file);
        if (root is null)
        {
            return SynonymSet.Empty;
        }

        if (root is not YamlMappingNode groups)
        {
            throw new DataFileException(file, (int)root.Start.Line, "expected a mapping of canonical term to phrases");
        }

        var stemmer = new StemmingFilter();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var phrases = new List<SynonymPhrase>();
        foreach (var (keyNode, valueNode) in groups.Children)
        {
            var line = (int)keyNode.Start.Line;
            var canonical = keyNode is YamlScalarNode { Value: { } key } ? key : throw new DataFileException(file, line, "a canonical term must be a word");
            if (!CanonicalTerm().IsMatch(canonical))
            {
                throw new DataFileException(file, line, $"canonical term '{canonical}' must be one lower-case word of letters and digits");
            }

            if (valueNode is not YamlSequenceNode list)
            {
                throw new DataFileException(file, line, $"'{canonical}' must have a list of phrases");
            }

            foreach (var item in list.Children.Prepend(keyNode))
            {
                var itemLine = (int)item.Start.Line;
                var text = (item as YamlScalarNode)?.Value ?? throw new DataFileException(file, itemLine, "a phrase must be text");
                var (words, stems) = PhraseWords(text, stemmer);
                if (stems.Count == 0)
                {
                    throw new DataFileException(file, itemLine, $"phrase '{text}' has no words");
                }

                var phraseKey = string.Join(' ', stems);
                if (owners.TryGetValue(phraseKey, out var owner) && owner != canonical)
                {
                    throw new DataFileException(file, itemLine, $"phrase '{text}' is already a synonym of '{owner}'");
                }

                if (owners.TryAdd(phraseKey, canonical))
                {
                    phrases.Add(new SynonymPhrase(canonical, stems, words));
                }
            }
        }

        return new SynonymSet(phrases);
    }

    private static (List<string> Words, List<string> Stems) PhraseWords(string phrase, StemmingFilter stemmer)
    {
        var tokens = new List<Token>();
        Tokenizer.Tokenize(TextNormalizer.Normalize(phrase, 1000), tokens, int.MaxValue);
        new PossessiveFilter().Apply(tokens);
        stemmer.Apply(tokens);
        return (tokens.Select(t => t.Text).ToList(), tokens.Select(t => t.Stem).ToList());
    }

    [GeneratedRegex("^[a-z0-9]+$")]
    private static partial Regex CanonicalTerm();
}
