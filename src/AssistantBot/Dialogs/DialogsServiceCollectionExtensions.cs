using AssistantBot.Assistant;
using AssistantBot.Dialogs.Commands;
using AssistantBot.Dialogs.Faqs;
using AssistantBot.Dialogs.Flows;
using AssistantBot.Dialogs.Handoff;
using AssistantBot.Dialogs.Loading;
using AssistantBot.Dialogs.Routing;
using AssistantBot.Dialogs.Safety;
using AssistantBot.Dialogs.State;
using AssistantBot.Dialogs.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AssistantBot.Dialogs;

public static class DialogsServiceCollectionExtensions
{
    /// <summary>
    /// The scripted dialogs and the turn router that becomes the assistant. The seams for other features are
    /// registered with TryAdd, so a feature that registers its own (before or after this call) is the one used:
    /// <see cref="IActiveHandoff"/> and <see cref="IPatientAdvocateHandoff"/> for the hand-off,
    /// <see cref="IQuestionAnswerer"/> and <see cref="ITextAnalysis"/> for knowledge.
    /// </summary>
    public static IServiceCollection AddDialogs(this IServiceCollection services)
    {
        services.AddOptions<DialogOptions>().BindConfiguration(DialogOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<ISourceCatalog>(sp => new ManifestSourceCatalog(CorpusDirectory(sp)));
        services.AddSingleton<DialogSetLoader>();
        services.AddSingleton<DialogCatalog>();
        services.AddSingleton<IDialogCatalog>(sp => sp.GetRequiredService<DialogCatalog>());
        services.AddHostedService<DialogFileWatcher>();

        services.TryAddSingleton<ITextAnalysis, PlainTextAnalysis>();
        services.AddSingleton<RedFlagDetector>();
        services.AddSingleton<CommandRecognizer>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<FlowEngine>();
        services.AddSingleton<FaqMatcher>();
        services.AddSingleton<UserStateStore>();

        services.TryAddSingleton<IActiveHandoff, NoActiveHandoff>();
        services.TryAddSingleton<IPatientAdvocateHandoff, InterimPatientAdvocateHandoff>();
        services.TryAddSingleton<IQuestionAnswerer, NoQuestionAnswerer>();
        services.TryAddSingleton<IRouteObserver, LoggingRouteObserver>();
        services.AddSingleton<IAssistant, DialogRouter>();
        return services;
    }

    /// <summary>The corpus the dialogs cite: the knowledge feature's setting, "corpus" under the content root by default.</summary>
    private static string CorpusDirectory(IServiceProvider services) => Path.GetFullPath(Path.Combine(
        services.GetRequiredService<IHostEnvironment>().ContentRootPath,
        services.GetRequiredService<IConfiguration>()["Knowledge:CorpusDirectory"] ?? "corpus"));
}
