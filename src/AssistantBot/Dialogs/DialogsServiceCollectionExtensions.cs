using AssistantBot.Assistant;
using AssistantBot.Dialogs.Commands;
using AssistantBot.Dialogs.Faqs;
using AssistantBot.Dialogs.Flows;
using AssistantBot.Dialogs.Handoff;
using AssistantBot.Dialogs.Loading;
using AssistantBot.Dialogs.Routing;
using AssistantBot.Dialogs.Safety;
using AssistantBot.Dialogs.State;
using AssistantBot.Handoff;
using AssistantBot.Knowledge;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AssistantBot.Dialogs;

public static class DialogsServiceCollectionExtensions
{
    /// <summary>
    /// The scripted dialogs and the turn router that becomes the assistant; needs <c>AddKnowledge()</c> (retrieval
    /// and its text analysis). The hand-off seams, <see cref="IActiveHandoff"/> and <see cref="IPatientAdvocateHandoff"/>,
    /// are the hand-off feature when the host has it (<c>AddHandoff()</c>, before or after this call), else a no-op
    /// and an honest interim reply; registered with TryAdd, so a host may also supply its own.
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

        services.TryAddSingleton<IActiveHandoff>(sp =>
            sp.GetService<HandoffConversation>() is { } handoff ? new HandoffConversationSeams(handoff) : new NoActiveHandoff());
        services.TryAddSingleton<IPatientAdvocateHandoff>(sp =>
            sp.GetService<HandoffConversation>() is { } handoff ? new HandoffConversationSeams(handoff) : ActivatorUtilities.CreateInstance<InterimPatientAdvocateHandoff>(sp));
        services.TryAddSingleton<IRouteObserver, LoggingRouteObserver>();
        services.AddSingleton<IAssistant, DialogRouter>();
        return services;
    }
}
