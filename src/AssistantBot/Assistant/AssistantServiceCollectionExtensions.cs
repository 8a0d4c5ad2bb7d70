using AssistantBot.BotFramework.Turns;
using AssistantBot.Conversations;

namespace AssistantBot.Assistant;

public static class AssistantServiceCollectionExtensions
{
    /// <summary>The bot: the activity handler, its stateful turns and error boundary. The <see cref="IAssistant"/> behind them is the dialogs' router (AddDialogs).</summary>
    public static IServiceCollection AddAssistant(this IServiceCollection services)
    {
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConversationReferences>();
        services.AddSingleton<ConversationTurnRunner>();
        services.AddSingleton<ITurnErrorHandler, TurnErrorHandler>();
        services.AddSingleton<IBot, AssistantActivityHandler>();
        return services;
    }
}
