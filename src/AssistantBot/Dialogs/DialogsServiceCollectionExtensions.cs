using AssistantBot.Assistant;
using AssistantBot.Dialogs.Commands;
using AssistantBot.Dialogs.Faqs;
using AssistantBot.Dialogs.Flows;
using AssistantBot.Dialogs.Handoff;
using AssistantBot.Dialogs.Loading;
using AssistantBot.Dialogs.Routing;
using AssistantBot.Dialogs.Safety;
using AssistantBot.Dialogs.State;
using AssistantBot.Knowledge;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AssistantBot.Dialogs;

public static class DialogsServiceCollectionExtensions
{
    /// <summary>
    /// The scripted dialogs and the turn router that becomes the assistant; needs <c>AddKnowledge()</c> (retrieval
    /// and its text analysis). The hand-off seams, <see cref="IActiveHandoff"/> and <see cref="IPatientAdvocateHandoff"/>,
    /// are registered with TryAdd, so the hand-off feature's own registrations win whichever comes first.
    /// </summary>
    public static IServiceCollection AddDialogs(this IServiceCollection services)
    {
        services.AddOptions<DialogOptions>().BindConfiguration(DialogOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<ISourceCatalog>(sp => new CorpusSourceCatalog(
            sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.ResolveCorpusDirectory(sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddSingleton<DialogSetLoader>();
        services.AddSingleton<DialogCatalog>();
        services.AddSingleton<IDialogCatalog>(sp => sp.GetRequiredService<DialogCatalog>());
        services.AddHostedService<DialogFileWatcher>();

        services.AddSingleton<RedFlagDetector>();
        services.AddSingleton<CommandRecognizer>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<FlowEngine>();
        services.AddSingleton<FaqMatcher>();
        services.AddSingleton<UserStateStore>();

        services.TryAddSingleton<IActiveHandoff, NoActiveHandoff>();
        services.TryAddSingleton<IPatientAdvocateHandoff, InterimPatientAdvocateHandoff>();
        services.TryAddSingleton<IRouteObserver, LoggingRouteObserver>();
        services.AddSingleton<IAssistant, DialogRouter>();
        return services;
    }
}
