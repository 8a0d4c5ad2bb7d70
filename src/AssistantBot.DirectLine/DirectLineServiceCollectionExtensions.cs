using AssistantBot.BotFramework.Hosting;
using AssistantBot.BotFramework.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AssistantBot.DirectLine;

public static class DirectLineServiceCollectionExtensions
{
    /// <summary>The built-in Direct Line channel. The host registers an <see cref="IDirectLineStore"/>.</summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services)
    {
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IDirectLineNotifier, InProcessNotifier>();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineChannel>();
        services.AddSingleton<DirectLineRouting>();
        services.AddSingleton<IConversationSinkResolver>(sp => sp.GetRequiredService<DirectLineRouting>());
        services.AddSingleton<IReservedServiceUrl>(sp => sp.GetRequiredService<DirectLineRouting>());
        return services;
    }
}
