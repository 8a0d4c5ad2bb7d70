using System.Diagnostics;
using System.Globalization;
using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Answering;
using AssistantBot.Knowledge.Corpus;
using AssistantBot.Knowledge.Index;

namespace AssistantBot.Benchmarks;

/// <summary>
/// A large corpus with the real corpus's vocabulary and word order: passages are walks of a word-bigram chain trained on
/// the real passages (so word frequencies and co-occurrences are realistic, Zipf-like), under real headings, in
/// documents whose topics name the real corpus's cancers. Measures the index build, queries, memory and file size.
/// </summary>
public static class LargeCorpus
{
    private const int PassagesPerDocument = 1000;

    public static void Run(int passages)
    {
        using var host = BenchHost.Empty();
        var corpus = Path.Combine(BenchHost.RepoRoot, "corpus");
        var resources = AnalysisResources.Load(corpus);
        var analyzer = new TextAnalyzer(resources, Lexicon.Empty);
        var chain = BigramChain.Train(RealPassages(corpus));
        var headings = RealPassages(corpus).Select(p => p.Heading).Distinct().ToArray();
        string[] topics = ["lung cancer", "stage 4 cancer", "breast cancer"];
        var path = Path.Combine(host.DataDirectory, "search-generated.db");

        var started = Stopwatch.GetTimestamp();
        using (var writer = new SearchIndexWriter(path))
        {
            for (var d = 0; d * PassagesPerDocument < passages; d++)
            {
                var documentId = writer.AddDocument(new CorpusDocument($"generated-{d}.txt", $"Generated document {d}", "Generator", null, null, null, [topics[d % topics.Length]], string.Empty));
                var count = Math.Min(PassagesPerDocument, passages - d * PassagesPerDocument);
                // Analysis is the costly part and needs no order, so it runs on all cores; the writer stays on this thread.
                var analysed = Enumerable.Range(0, count).AsParallel().AsOrdered().Select(i =>
                {
                    var random = new Random(d * PassagesPerDocument + i);
                    var draft = new PassageDraft(headings[random.Next(headings.Length)], chain.Walk(random, 30 + random.Next(60)));
                    return (draft, heading: analyzer.AnalyzeDocument(draft.Heading), body: analyzer.AnalyzeDocument(draft.Text));
                }).ToList();
                foreach (var (draft, heading, body) in analysed)
                {
                    writer.AddPassage(documentId, draft, heading, body);
                }
            }

            writer.Complete("generated");
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"built {passages:N0} passages in {elapsed.TotalSeconds:0.0} s = {passages / elapsed.TotalSeconds:N0} passages/s; index file {new FileInfo(path).Length / 1048576.0:0.0} MiB"));

        MeasureQueries(host, path, repetitions: 5);
    }

    /// <summary>Queries against a generated index file (also on its own: <c>large-queries PATH [repetitions]</c>).</summary>
    public static void MeasureQueries(BenchHost host, string path, int repetitions)
    {
        var corpus = Path.Combine(BenchHost.RepoRoot, "corpus");
        var resources = AnalysisResources.Load(corpus);
        var generation = IndexGeneration.Open(path, "generated", resources, a => CancerTopics.Load(corpus, a))!;
        host.Index.Install(generation);
        GC.Collect();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"managed heap after loading {GC.GetTotalMemory(true) / 1048576.0:0.0} MiB; lexicon {generation.Analyzer.Lexicon.WordCount:N0} words"));
        Measure.Queries(host, BenchHost.EvaluationQuestions(), repetitions);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0.0} MiB"));
    }

    private static IEnumerable<PassageDraft> RealPassages(string corpus)
    {
        var rules = IngestionRules.Load(corpus);
        return CorpusReader.ReadDocuments(corpus).SelectMany(d => PassageSplitter.Split(PageCleaner.Clean(d.Body, rules), d.Title));
    }
}

/// <summary>Word bigrams of the real text, sampled in proportion to how often they occur.</summary>
public sealed class BigramChain
{
    private readonly Dictionary<string, List<string>> _next = new(StringComparer.Ordinal);
    private readonly List<string> _starts = [];

    public static BigramChain Train(IEnumerable<PassageDraft> passages)
    {
        var chain = new BigramChain();
        foreach (var passage in passages)
        {
            var words = passage.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            chain._starts.Add(words[0]);
            for (var i = 0; i + 1 < words.Length; i++)
            {
                if (!chain._next.TryGetValue(words[i], out var list))
                {
                    chain._next[words[i]] = list = [];
                }

                list.Add(words[i + 1]);
            }
        }

        return chain;
    }

    public string Walk(Random random, int words)
    {
        var text = new System.Text.StringBuilder();
        var word = _starts[random.Next(_starts.Count)];
        for (var i = 0; i < words; i++)
        {
            text.Append(word).Append(' ');
            word = _next.TryGetValue(word, out var next) ? next[random.Next(next.Count)] : _starts[random.Next(_starts.Count)];
        }

        return text.ToString().TrimEnd();
    }
}
