using System.Diagnostics;
using System.Globalization;
using AssistantBot.Benchmarks;
using AssistantBot.Knowledge.Answering;
using AssistantBot.Knowledge.Index;
using BenchmarkDotNet.Running;

// latency            full pipeline vs bare FTS5 MATCH on the real corpus (Stopwatch, many repetitions)
// large [passages] [keep-path]   generate a corpus (default 1,000,000 passages), build its index, measure queries,
//                    memory and size; with keep-path the index file stays there for large-queries
// profile-build N    the build's stages one after another on N generated passages, with the CPU time of each
// plans PATH         each evaluation question's query plan on a generated index file, with its bare FTS5 time, slowest first
// large-queries PATH [repetitions]   queries only, on a generated index file kept from an earlier run
// bdn                the BenchmarkDotNet suite (QueryBenchmarks)
// turns [workers] [warm-up s]   CPU time and allocation per turn through the real services, without HTTP
var mode = args.FirstOrDefault() ?? "latency";
switch (mode)
{
    case "bdn":
        BenchmarkRunner.Run<QueryBenchmarks>(args: args.Skip(1).ToArray());
        break;
    case "large-queries":
        using (var host = BenchHost.Empty())
        {
            LargeCorpus.MeasureQueries(host, args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1);
        }

        break;
    case "profile-build":
        LargeCorpus.ProfileBuild(int.Parse(args[1], CultureInfo.InvariantCulture));
        break;
    case "plans":
        using (var host = BenchHost.Empty())
        {
            LargeCorpus.ShowPlans(host, args[1]);
        }

        break;
    case "turns":
        await TurnCost.RunAsync(
            args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8,
            TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30),
            rounds: 3);
        break;
    case "large":
        LargeCorpus.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000, args.Length > 2 ? args[2] : null);
        break;
    default:
        using (var host = BenchHost.ForRealCorpus())
        {
            Measure.Queries(host, BenchHost.EvaluationQuestions(), repetitions: 200);
        }

        break;
}

/// <summary>Query timings: the whole pipeline, then the bare MATCH for the same questions.</summary>
internal static class Measure
{
    public static void Queries(BenchHost host, string[] questions, int repetitions)
    {
        QueryPlan[] plans;
        using (var lease = host.Index.Acquire())
        {
            var analyzer = lease.Generation.Analyzer;
            plans = questions.Select(q => KnowledgeSearch.Plan(analyzer.Analyze(q), analyzer.Lexicon)).Where(p => p.Terms.Count > 0).ToArray();
        }

        for (var i = 0; i < Math.Min(3, repetitions); i++)
        {
            foreach (var q in questions)
            {
                host.Search.Ask(q);
            }
        }

        var full = Time(questions, repetitions, q => host.Search.Ask(q));
        var bare = Time(plans, repetitions, p =>
        {
            using var lease = host.Index.Acquire();
            lease.Session.Search(p, 2.0, 40);
        });
        Report("full pipeline", full);
        Report("bare FTS5 MATCH", bare);
    }

    public static void Report(string what, List<double> ms)
    {
        ms.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-16} n={ms.Count,7}  p50 {Percentile(ms, 0.50):0.000} ms  p90 {Percentile(ms, 0.90):0.000} ms  p99 {Percentile(ms, 0.99):0.000} ms  max {ms[^1]:0.000} ms"));
    }

    private static List<double> Time<T>(IReadOnlyList<T> inputs, int repetitions, Action<T> run)
    {
        var times = new List<double>(inputs.Count * repetitions);
        for (var r = 0; r < repetitions; r++)
        {
            foreach (var input in inputs)
            {
                var started = Stopwatch.GetTimestamp();
                run(input);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return times;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
