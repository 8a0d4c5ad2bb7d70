using System.CommandLine;
using System.Globalization;
using AssistantBot.Knowledge;
using AssistantBot.Knowledge.Answering;
using AssistantBot.Knowledge.Evaluation;
using AssistantBot.Knowledge.Feedback;
using AssistantBot.Storage;

namespace AssistantBot.Cli;

/// <summary>
/// <c>index</c>, <c>ask</c>, <c>eval</c> and <c>unanswered</c>: the knowledge tools, on the same configuration and data directory as
/// the web host (run from the directory the host runs from, usually the repository root).
/// </summary>
public static class KnowledgeCommands
{
    public static void AddTo(RootCommand root)
    {
        var index = new Command("index", "Rebuild the search index from the corpus and report its passages.");
        var list = new Option<bool>("--list") { Description = "Print every passage (document, heading, text)." };
        index.Options.Add(list);
        index.SetAction(async (parse, ct) => await IndexAsync(parse.GetValue(list), ct));

        var ask = new Command("ask", "Answer a question from the corpus, showing the score, the source and the passages behind it.");
        var question = new Argument<string>("question") { Description = "The question, in quotes." };
        var after = new Option<string[]>("--after") { Description = "Questions asked before it in the same conversation (repeat for several), for a follow-up." };
        ask.Arguments.Add(question);
        ask.Options.Add(after);
        ask.SetAction(async (parse, ct) => await AskAsync(parse.GetValue(question)!, parse.GetValue(after) ?? [], ct));

        var eval = new Command("eval", "Run a question set and print Recall@1, Recall@3, MRR, facts found and declines.");
        var file = new Argument<string>("file") { Description = "The question set (YAML), e.g. tests/eval/questions.yaml." };
        var verbose = new Option<bool>("--verbose") { Description = "Print every question's outcome." };
        eval.Arguments.Add(file);
        eval.Options.Add(verbose);
        eval.SetAction(async (parse, ct) => await EvalAsync(parse.GetValue(file)!, parse.GetValue(verbose), ct));

        var unanswered = new Command("unanswered", "For content editors: recent questions the sources did not cover, and visitors' verdicts per passage (within the retention period).");
        var limit = new Option<int>("--limit") { Description = "How many questions to list at most.", DefaultValueFactory = _ => 50 };
        unanswered.Options.Add(limit);
        unanswered.TreatUnmatchedTokensAsErrors = false; // --Section:Key=value settings, as for the web host
        unanswered.SetAction(async (parse, ct) => await UnansweredAsync(parse.GetValue(limit), [.. parse.UnmatchedTokens], ct));

        root.Subcommands.Add(index);
        root.Subcommands.Add(ask);
        root.Subcommands.Add(eval);
        root.Subcommands.Add(unanswered);
    }

    /// <summary>The knowledge services alone, configured like the web host, with the index loaded (or rebuilt).</summary>
    public static async Task<ServiceProvider> StartAsync(bool rebuild, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAssistantStorage();
        builder.Services.AddKnowledge();
        var services = builder.Services.BuildServiceProvider();
        await services.GetRequiredService<KnowledgeIndex>().RefreshAsync(rebuild, cancellationToken);
        return services;
    }

    private static async Task<int> IndexAsync(bool list, CancellationToken cancellationToken)
    {
        await using var services = await StartAsync(rebuild: true, cancellationToken);
        var index = services.GetRequiredService<KnowledgeIndex>();
        using var lease = index.Acquire();
        var generation = lease.Generation;
        Console.WriteLine($"Indexed {generation.Documents.Count} documents into {generation.PassageCount} passages: {generation.Path}");
        foreach (var document in generation.Documents.OrderBy(d => d.Id))
        {
            var passages = Enumerable.Range(1, generation.PassageCount).Select(lease.Session.Passage).Where(p => p?.Document.Id == document.Id).ToList();
            var cancers = document.Cancers.Count == 0 ? "general" : string.Join(", ", document.Cancers);
            Console.WriteLine($"  {document.File}: {passages.Count} passages ({cancers}) - {Source.Of(document)}");
            if (list)
            {
                foreach (var passage in passages)
                {
                    Console.WriteLine($"    #{passage!.Id} [{passage.Heading}]");
                    Console.WriteLine("      " + passage.Text.Replace("\n", "\n      ", StringComparison.Ordinal));
                }
            }
        }

        return 0;
    }

    private static async Task<int> AskAsync(string question, string[] earlier, CancellationToken cancellationToken)
    {
        await using var services = await StartAsync(rebuild: false, cancellationToken);
        var search = services.GetRequiredService<KnowledgeSearch>();
        var result = search.Ask(question, Evaluator.Conversation(search, earlier));
        var threshold = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KnowledgeOptions>>().Value.ConfidenceThreshold;
        Console.WriteLine($"Terms: {string.Join(' ', result.Analysis.Terms)}{(result.FollowUp ? " (follow-up: the conversation's topic added)" : string.Empty)}");
        foreach (var correction in result.Analysis.Corrections)
        {
            Console.WriteLine($"Corrected: {correction.From} -> {correction.To}");
        }

        Console.WriteLine($"About: {string.Join(", ", result.Cancers)}");
        Console.WriteLine($"Outcome: {result.Outcome}, confidence {result.Confidence:0.000} (threshold {threshold:0.000})");
        if (result.Answer is { } answer)
        {
            Console.WriteLine();
            Console.WriteLine(answer.Text);
            Console.WriteLine(KnowledgeText.SourcePrefix + answer.Source);
            foreach (var related in answer.Related)
            {
                Console.WriteLine("Related: " + related);
            }
        }

        Console.WriteLine();
        Console.WriteLine("Passages behind it:");
        foreach (var ranked in result.Ranked.Take(5))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  #{ranked.Passage.Id} relevance {ranked.Relevance:0.00} (bm25f {ranked.Features.Bm25:0.00}, coverage {ranked.Coverage:0.00}, focus {ranked.Features.Focus:0.00}, cue {ranked.Features.Cue}, heading echo {ranked.Features.HeadingEcho:0.00}) {ranked.Passage.Document.File} [{ranked.Passage.Heading}]"));
        }

        return result.Answered ? 0 : 2;
    }

    /// <summary>
    /// What to add to the corpus: the questions it did not answer, newest first, and the passages visitors judged,
    /// least liked first. Question text past the retention period is deleted first, as the host does on start.
    /// </summary>
    private static async Task<int> UnansweredAsync(int limit, string[] settings, CancellationToken cancellationToken)
    {
        // The feedback store of the configured storage provider (SQLite or PostgreSQL) comes with ToolHost's storage.
        using var host = ToolHost.Build(settings, services => services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).Services
            .AddSingleton(TimeProvider.System));
        var store = host.Services.GetRequiredService<IKnowledgeFeedbackStore>();
        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KnowledgeOptions>>().Value;
        var time = host.Services.GetRequiredService<TimeProvider>();
        await FeedbackRetention.PurgeAsync(store, options, time, cancellationToken);

        var questions = await store.RecentUnansweredAsync(limit, cancellationToken);
        Console.WriteLine($"Unanswered questions, newest first (kept {options.RetentionDays} days): {questions.Count}");
        foreach (var question in questions)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {question.AskedAt:yyyy-MM-dd HH:mm}  {question.Outcome,-14} {question.Confidence:0.00}  {question.ChannelId ?? "-",-10} {question.Question}"));
        }

        var counts = await store.FeedbackCountsAsync(FeedbackRetention.Cutoff(options, time.GetUtcNow()), cancellationToken);
        Console.WriteLine();
        Console.WriteLine($"Answers judged, least liked first: {counts.Count} passages");
        Console.WriteLine("  not helpful  helpful  document [heading]");
        foreach (var count in counts)
        {
            Console.WriteLine($"  {count.NotHelpful,11}  {count.Helpful,7}  {count.Document} [{count.Heading}]");
        }

        return 0;
    }

    private static async Task<int> EvalAsync(string file, bool verbose, CancellationToken cancellationToken)
    {
        await using var services = await StartAsync(rebuild: false, cancellationToken);
        var set = EvaluationSet.Load(UpwardPath.Find(Directory.GetCurrentDirectory(), file, File.Exists));
        var report = new Evaluator(services.GetRequiredService<KnowledgeSearch>()).Run(set);
        if (verbose)
        {
            foreach (var line in report.Details())
            {
                Console.WriteLine(line);
            }

            Console.WriteLine();
        }

        Console.WriteLine(report.Summary());
        return 0;
    }
}
