using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Index;
using YamlDotNet.RepresentationModel;

namespace AssistantBot.Knowledge.Ranking;

/// <summary>A kind of question ("where", "how many") and the stems an answer of that kind tends to hold.</summary>
/// <param name="Phrases">The question's marks, each a sequence of stems found in order in the question.</param>
/// <param name="Answer">Stems an answer tends to hold.</param>
/// <param name="Numbers">Whether any number counts as such a stem.</param>
/// <param name="Subject">Whether an answer opens a sentence with the question's subject ("what is X": "X is ..."), see <see cref="FeatureExtractor.Subject"/>.</param>
public sealed record CueKind(string Name, IReadOnlyList<IReadOnlyList<string>> Phrases, IReadOnlySet<string> Answer, bool Numbers, bool Subject = false);

/// <summary>
/// <c>question-cues.yaml</c> (see its header): kinds of question with the words their answers hold, and the facets a
/// follow-up question may replace.
/// </summary>
public sealed class QuestionCues
{
    public const string FileName = "question-cues.yaml";
    public const string NumberWord = "#number";

    /// <summary>How many other words may stand between two words of a question phrase.</summary>
    private const int MaxGap = 2;

    public static readonly QuestionCues None = new([], new Dictionary<string, string>());

    private readonly IReadOnlyList<CueKind> _kinds;
    private readonly IReadOnlyDictionary<string, string> _facets;

    public QuestionCues(IReadOnlyList<CueKind> kinds, IReadOnlyDictionary<string, string> facets)
    {
        _kinds = kinds;
        _facets = facets;
    }

    public IReadOnlyList<CueKind> Kinds => _kinds;

    /// <summary>The facet a stem belongs to ("brain" → site), or null.</summary>
    public string? FacetOf(string stem) => _facets.GetValueOrDefault(stem);

    /// <summary>The kinds a question is of, from the stems of all its words (stop words included), in order.</summary>
    public IReadOnlyList<CueKind> Detect(IReadOnlyList<string> wordStems) =>
        _kinds.Where(k => k.Phrases.Any(p => InOrder(wordStems, p))).ToList();

    /// <summary>
    /// How many different answer stems of the question's kinds units [<paramref name="from"/>, <paramref name="to"/>)
    /// hold, not counting the question's own words: a list of places answers "where" better than one place named.
    /// </summary>
    public static int Answers(IReadOnlyList<CueKind> kinds, PassageTerms terms, int from, int to, QuestionTerms question)
    {
        if (kinds.Count == 0)
        {
            return 0;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var u = from; u < to; u++)
        {
            foreach (var stem in terms.Unit(u))
            {
                if (question.Index.ContainsKey(stem) || seen.Contains(stem))
                {
                    continue;
                }

                foreach (var kind in kinds)
                {
                    if (kind.Answer.Contains(stem) || (kind.Numbers && char.IsDigit(stem[0])))
                    {
                        seen.Add(stem);
                        break;
                    }
                }
            }
        }

        return seen.Count;
    }

    public static QuestionCues Load(string directory, TextAnalyzer analyzer)
    {
        if (DataFileYaml.LoadMapping(directory, FileName, "'cues' and 'facets'") is not var (path, root))
        {
            return None;
        }

        var kinds = new List<CueKind>();
        if (Child(root, "cues") is YamlMappingNode cues)
        {
            foreach (var (key, value) in cues.Children)
            {
                var phrases = Strings(Child(value, "question"), path).Select(p => (IReadOnlyList<string>)analyzer.WordStems(p)).Where(p => p.Count > 0).ToList();
                var answer = new HashSet<string>(StringComparer.Ordinal);
                var numbers = false;
                foreach (var (word, line) in Strings(Child(value, "answer"), path).Zip(Lines(Child(value, "answer"))))
                {
                    if (word == NumberWord)
                    {
                        numbers = true;
                        continue;
                    }

                    var stems = analyzer.AnalyzeDocument(word).AllTerms;
                    if (stems.Count == 0)
                    {
                        throw new DataFileException(path, line, $"answer word '{word}' is a stop word, so no passage holds it");
                    }

                    answer.UnionWith(stems.Select(t => t.Stem));
                }

                if (phrases.Count == 0)
                {
                    throw new DataFileException(path, (int)key.Start.Line, $"cue '{key}' needs question phrases");
                }

                var subject = Child(value, "subject") is YamlScalarNode { Value: var flag } && flag == "true";
                kinds.Add(new CueKind(key.ToString(), phrases, answer, numbers, subject));
            }
        }

        var facets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(root, "facets") is YamlMappingNode groups)
        {
            foreach (var (key, value) in groups.Children)
            {
                foreach (var word in Strings(value, path))
                {
                    foreach (var term in analyzer.AnalyzeDocument(word).AllTerms)
                    {
                        facets[term.Stem] = key.ToString();
                    }
                }
            }
        }

        return new QuestionCues(kinds, facets);
    }

    private static bool InOrder(IReadOnlyList<string> words, IReadOnlyList<string> phrase)
    {
        for (var start = 0; start < words.Count; start++)
        {
            if (words[start] != phrase[0])
            {
                continue;
            }

            var (k, last) = (1, start);
            for (var i = start + 1; i < words.Count && k < phrase.Count && i - last <= MaxGap + 1; i++)
            {
                if (words[i] == phrase[k])
                {
                    (k, last) = (k + 1, i);
                }
            }

            if (k == phrase.Count)
            {
                return true;
            }
        }

        return false;
    }

    private static YamlNode? Child(YamlNode node, string key) => DataFileYaml.Child(node, key);

    private static IEnumerable<string> Strings(YamlNode? list, string path) => list switch
    {
        null => [],
        YamlSequenceNode sequence => sequence.Children.Select(c => c.ToString()).ToList(),
        _ => throw new DataFileException(path, (int)list.Start.Line, "expected a list of words"),
    };

    private static IEnumerable<int> Lines(YamlNode? list) =>
        list is YamlSequenceNode sequence ? sequence.Children.Select(c => (int)c.Start.Line) : [];
}
