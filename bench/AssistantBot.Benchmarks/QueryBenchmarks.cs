using AssistantBot.Knowledge;
using AssistantBot.Knowledge.Answering;
using AssistantBot.Knowledge.Index;
using BenchmarkDotNet.Attributes;

namespace AssistantBot.Benchmarks;

/// <summary>BenchmarkDotNet: the full pipeline (analysis, search, re-rank, answer) and the bare FTS5 MATCH it runs, on the real corpus.</summary>
[MemoryDiagnoser]
public class QueryBenchmarks
{
    private BenchHost _host = null!;
    private string[] _questions = [];
    private QueryPlan[] _plans = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _host = BenchHost.ForRealCorpus();
        _questions = BenchHost.EvaluationQuestions();
        using var lease = _host.Index.Acquire();
        var analyzer = lease.Generation.Analyzer;
        _plans = _questions.Select(q => KnowledgeSearch.Plan(analyzer.Analyze(q), analyzer.Lexicon)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    [Benchmark(Baseline = true)]
    public KnowledgeResult FullPipeline() => _host.Search.Ask(_questions[_next++ % _questions.Length]);

    [Benchmark]
    public int BareFts5Match()
    {
        using var lease = _host.Index.Acquire();
        var plan = _plans[_next++ % _plans.Length];
        return plan.Terms.Count == 0 ? 0 : lease.Session.Search(plan, 2.0, 40).Count;
    }
}
