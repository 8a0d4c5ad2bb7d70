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
    private string[] _expressions = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _host = BenchHost.ForRealCorpus();
        _questions = BenchHost.EvaluationQuestions();
        using var lease = _host.Index.Acquire();
        _expressions = _questions.Select(q => SearchSession.MatchExpression(lease.Generation.Analyzer.Analyze(q).Terms)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    [Benchmark(Baseline = true)]
    public KnowledgeResult FullPipeline() => _host.Search.Ask(_questions[_next++ % _questions.Length]);

    [Benchmark]
    public int BareFts5Match()
    {
        using var lease = _host.Index.Acquire();
        var expression = _expressions[_next++ % _expressions.Length];
        return expression.Length == 0 ? 0 : lease.Session.Search(expression, 1.5, 20).Count;
    }
}
