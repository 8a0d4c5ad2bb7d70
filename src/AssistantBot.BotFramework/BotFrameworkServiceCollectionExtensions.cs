using AssistantBot.BotFramework.Authentication;
using AssistantBot.BotFramework.Connector;
using AssistantBot.BotFramework.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AssistantBot.BotFramework;

public static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>
    /// The protocol layer: authentication, the Connector client and the adapter. The caller registers its
    /// <see cref="IBot"/> and <see cref="ITurnErrorHandler"/>.
    /// </summary>
    public static IServiceCollection AddBotFramework(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotFrameworkOptions>()
            .Bind(configuration.GetSection(BotFrameworkOptions.SectionName))
            .Configure(o =>
            {
                // Azure Bot Service's own setting names, at the root of configuration.
                o.MicrosoftAppId = configuration["MicrosoftAppId"] ?? o.MicrosoftAppId;
                o.MicrosoftAppPassword = configuration["MicrosoftAppPassword"] ?? o.MicrosoftAppPassword;
                o.MicrosoftAppTenantId = configuration["MicrosoftAppTenantId"] ?? o.MicrosoftAppTenantId;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(nameof(ChannelRequestAuthenticator), c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<ChannelRequestAuthenticator>();
        services.AddHttpClient(nameof(AppCredentialsTokenProvider), c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<AppCredentialsTokenProvider>();
        services.AddHttpClient<ConnectorClient>(c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<BotAdapter>();
        services.AddSingleton<Hosting.BotMessageHandler>();
        return services;
    }
}
