using System.Diagnostics;
using System.Globalization;
using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Answering;
using AssistantBot.Knowledge.Corpus;
using AssistantBot.Knowledge.Index;

namespace AssistantBot.Benchmarks;

/// <summary>
/// A generated corpus of many passages (<see cref="SyntheticCorpus"/>: a Zipf-distributed vocabulary of tens of
/// thousands of words around the real corpus's own), in documents whose topics name the real corpus's cancers.
/// Measures the index build, queries, memory and file size.
/// </summary>
public static class LargeCorpus
{
    private const int PassagesPerDocument = 1000;

    private const int BatchSize = 4096;

    /// <summary>Analysis takes every core but one: the writer, which cannot be split, keeps a core of its own.</summary>
    private static readonly ParallelOptions Analysing = new() { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount - 1) };

    /// <param name="keep">Where to keep the index file for measuring queries in a fresh process (large-queries); null: deleted.</param>
    public static void Run(int passages, string? keep)
    {
        using var host = BenchHost.Empty();
        var (analyzer, generator) = Generator();
        string[] topics = ["lung cancer", "stage 4 cancer", "breast cancer"];
        var path = keep ?? Path.Combine(host.DataDirectory, "search-generated.db");

        // The corpus is generated first, outside the build's time: generating text stands in for reading files.
        var generating = Stopwatch.GetTimestamp();
        var drafts = new PassageDraft[passages];
        Parallel.For(0, passages, i => drafts[i] = generator.Passage(i));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated {passages:N0} passages ({drafts.Average(d => d.Text.Length):0} characters on average) in {Stopwatch.GetElapsedTime(generating).TotalSeconds:0.0} s"));

        var started = Stopwatch.GetTimestamp();
        var process = Process.GetCurrentProcess();
        var cpuStarted = process.TotalProcessorTime;
        var writerCpuStarted = ThreadCpu.Current();
        TimeSpan writing = default, completing = default, writerCpu = default;
        var hashBytes = int.TryParse(Environment.GetEnvironmentVariable("FTS_HASH_BYTES"), CultureInfo.InvariantCulture, out var bytes) ? bytes : SearchIndexWriter.HashBytes;
        using (var writer = new SearchIndexWriter(path, hashBytes))
        {
            var documents = Enumerable.Range(0, (passages + PassagesPerDocument - 1) / PassagesPerDocument)
                .Select(d => writer.AddDocument(new CorpusDocument($"generated-{d}.txt", $"Generated document {d}", "Generator", null, null, null, [topics[d % topics.Length]], string.Empty)))
                .ToArray();

            // Generating and analysing passages needs no order, so batches of them are prepared on the other cores
            // while this thread writes the batch before (two batches ahead at most, so memory stays bounded).
            using var batches = new System.Collections.Concurrent.BlockingCollection<(int DocumentId, PassageDraft Draft, PassageAnalysis Analysis)[]>(boundedCapacity: 2);
            var producer = Task.Run(() =>
            {
                for (var start = 0; start < passages; start += BatchSize)
                {
                    var batch = new (int, PassageDraft, PassageAnalysis)[Math.Min(BatchSize, passages - start)];
                    var first = start;
                    Parallel.For(0, batch.Length, Analysing, i => batch[i] = (documents[(first + i) / PassagesPerDocument], drafts[first + i], PassageAnalysis.Of(analyzer, drafts[first + i])));
                    batches.Add(batch);
                }

                batches.CompleteAdding();
            });
            foreach (var batch in batches.GetConsumingEnumerable())
            {
                var before = Stopwatch.GetTimestamp();
                writer.AddPassages(batch);
                writing += Stopwatch.GetElapsedTime(before);
            }

            producer.GetAwaiter().GetResult();
            writerCpu = ThreadCpu.Current() - writerCpuStarted;
            var completeStarted = Stopwatch.GetTimestamp();
            writer.Complete("generated");
            completing = Stopwatch.GetElapsedTime(completeStarted);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuStarted;
        Array.Clear(drafts); // the text stood in for files on disk: not part of what the queries below hold
        drafts = [];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"built {passages:N0} passages in {elapsed.TotalSeconds:0.0} s = {passages / elapsed.TotalSeconds:N0} passages/s (writer {writing.TotalSeconds:0.0} s, completing {completing.TotalSeconds:0.0} s); vocabulary {generator.Vocabulary:N0} words; index file {new FileInfo(path).Length / 1048576.0:0.0} MiB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"FTS5 hashsize {hashBytes / 1048576.0:0.#} MiB; build CPU {cpu.TotalSeconds:0.0} s = {cpu.TotalMicroseconds / passages:0.0} us/passage (writing thread {writerCpu.TotalMicroseconds / passages:0.0} us/passage before completing, {writerCpu.TotalSeconds / Math.Max(1e-9, writing.TotalSeconds):P0} of its busy time on a core); {cpu.TotalSeconds / elapsed.TotalSeconds:0.00} cores used on average; peak working set so far {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB"));

        MeasureQueries(host, path, repetitions: 5);
    }

    /// <summary>The build's stages one after the other, each timed alone: generate, analyse, write, complete.</summary>
    public static void ProfileBuild(int passages)
    {
        using var host = BenchHost.Empty();
        var (analyzer, generator) = Generator();
        var cpu = Process.GetCurrentProcess();
        TimeSpan Cpu() { cpu.Refresh(); return cpu.TotalProcessorTime; }
        var t = Cpu();
        var drafts = Enumerable.Range(0, passages).Select(generator.Passage).ToArray();
        var generate = Cpu() - t;
        _ = drafts.Sum(d => PassageAnalysis.Of(analyzer, d).TermCount); // the word cache filled and the code optimised, as in a long build
        t = Cpu();
        _ = drafts.Sum(d => PassageAnalysis.Of(analyzer, d).TermCount);
        var analyse = Cpu() - t; // results dropped at once, as the build drops each batch once written
        var analyses = drafts.Select(d => PassageAnalysis.Of(analyzer, d)).ToArray();
        var path = Path.Combine(host.DataDirectory, "search-profile.db");
        using var writer = new SearchIndexWriter(path);
        var document = writer.AddDocument(new CorpusDocument("p.txt", "P", null, null, null, null, ["lung cancer"], string.Empty));
        t = Cpu();
        for (var i = 0; i < passages; i++)
        {
            writer.AddPassage(document, drafts[i], analyses[i]);
        }

        var write = Cpu() - t;
        t = Cpu();
        writer.Complete("profile");
        var complete = Cpu() - t;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU per passage: generate {generate.TotalMicroseconds / passages:0} us, analyse {analyse.TotalMicroseconds / passages:0} us, write {write.TotalMicroseconds / passages:0} us, complete {complete.TotalMicroseconds / passages:0} us"));
    }

    /// <summary>Each evaluation question's plan and the time its bare FTS5 query takes (best of three), slowest first.</summary>
    public static void ShowPlans(BenchHost host, string path)
    {
        var corpus = Path.Combine(BenchHost.RepoRoot, "corpus");
        host.Index.Install(IndexGeneration.Open(path, "generated", AnalysisResources.Load(corpus), a => QuestionData.Load(corpus, a))!);
        using var lease = host.Index.Acquire();
        var analyzer = lease.Generation.Analyzer;
        var rows = BenchHost.EvaluationQuestions().Distinct().Select(q =>
        {
            var plan = KnowledgeSearch.Plan(analyzer.Analyze(q), analyzer.Lexicon);
            var best = Enumerable.Range(0, 3).Min(_ =>
            {
                var started = Stopwatch.GetTimestamp();
                lease.Session.Search(plan, 2.0, 40);
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            });
            return (best, q, plan);
        }).OrderByDescending(r => r.best).ToList();
        foreach (var (ms, question, plan) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ms,8:0.00} ms  {question}  {plan}"));
        }
    }

    /// <summary>Queries against a generated index file (also on its own: <c>large-queries PATH [repetitions]</c>).</summary>
    public static void MeasureQueries(BenchHost host, string path, int repetitions)
    {
        var corpus = Path.Combine(BenchHost.RepoRoot, "corpus");
        var resources = AnalysisResources.Load(corpus);
        var generation = IndexGeneration.Open(path, "generated", resources, a => QuestionData.Load(corpus, a))!;
        host.Index.Install(generation);
        GC.Collect();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"managed heap after loading {GC.GetTotalMemory(true) / 1048576.0:0.0} MiB; lexicon {generation.Analyzer.Lexicon.WordCount:N0} words, {generation.Analyzer.Lexicon.StemCount:N0} stems"));
        Measure.Queries(host, BenchHost.EvaluationQuestions(), repetitions);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0.0} MiB"));
    }

    /// <summary>The real corpus's analyzer (as an index build uses it) and a generator trained on its passages.</summary>
    private static (TextAnalyzer Analyzer, SyntheticCorpus Generator) Generator()
    {
        var corpus = Path.Combine(BenchHost.RepoRoot, "corpus");
        var resources = AnalysisResources.Load(corpus);
        return (new TextAnalyzer(resources, Lexicon.Empty), SyntheticCorpus.FromRealCorpus(RealPassages(corpus).ToList(), resources.StopWords));
    }

    private static IEnumerable<PassageDraft> RealPassages(string corpus)
    {
        var rules = IngestionRules.Load(corpus);
        return CorpusReader.ReadDocuments(corpus).SelectMany(d => PassageSplitter.Split(PageCleaner.Clean(d.Body, rules), d.Title));
    }
}

/// <summary>The calling thread's CPU time (Linux: clock_gettime(CLOCK_THREAD_CPUTIME_ID)); zero elsewhere.</summary>
internal static class ThreadCpu
{
    public static TimeSpan Current()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(3, out var time) != 0)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable SYSLIB1054 // DllImport: LibraryImport would need unsafe code in this project
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054
}
