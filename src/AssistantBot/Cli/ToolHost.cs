using AssistantBot.Storage;

namespace AssistantBot.Cli;

/// <summary>
/// The services a tool command needs, from the same configuration as the web host (appsettings.json in the working
/// directory, environment variables, <c>--Section:Key=value</c> arguments), without starting the web server.
/// </summary>
public static class ToolHost
{
    public static IHost Build(string[] configurationArgs, Action<IServiceCollection> services)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configurationArgs,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAssistantStorage();
        services(builder.Services);
        return builder.Build();
    }
}
