using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Answering;
using AssistantBot.Knowledge.Feedback;
using AssistantBot.Knowledge.Feedback.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AssistantBot.Knowledge;

public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Retrieval over the corpus: the index (loaded or built before the host starts, rebuilt when the corpus changes),
    /// the shared text analyzer, the search, the responder the assistant calls, and the feedback store.
    /// Needs <c>AddAssistantStorage()</c> for the data directory and database.
    /// </summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<KnowledgeOptions>, KnowledgeOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KnowledgeIndex>();
        services.AddSingleton<ITextAnalyzer, CurrentTextAnalyzer>();
        services.AddSingleton<KnowledgeSearch>();
        services.TryAddSingleton<IKnowledgeFeedbackStore, SqliteKnowledgeFeedbackStore>(); // AddAssistantStorage picks the provider's
        services.AddSingleton<KnowledgeResponder>();
        services.AddHostedService<CorpusWatcher>();
        services.AddHostedService<FeedbackRetention>();
        return services;
    }
}

/// <summary>Refuses to start without a corpus directory, naming the path it looked at.</summary>
public sealed class KnowledgeOptionsValidator(IHostEnvironment environment) : IValidateOptions<KnowledgeOptions>
{
    public ValidateOptionsResult Validate(string? name, KnowledgeOptions options)
    {
        var directory = options.ResolveCorpusDirectory(environment.ContentRootPath);
        return Directory.Exists(directory)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Knowledge:CorpusDirectory '{directory}' does not exist.");
    }
}
