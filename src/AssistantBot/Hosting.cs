using AssistantBot.Assistant;
using AssistantBot.BotFramework;
using AssistantBot.BotFramework.Connector;
using AssistantBot.BotFramework.Hosting;
using AssistantBot.BotFramework.Turns;
using AssistantBot.Diagnostics;
using AssistantBot.Dialogs;
using AssistantBot.DirectLine;
using AssistantBot.Handoff;
using AssistantBot.Knowledge;
using AssistantBot.Staff;
using AssistantBot.Storage;
using AssistantBot.WebChat;

namespace AssistantBot;

/// <summary>The web host: what <c>Program</c> runs when no tool command is given.</summary>
public static class Hosting
{
    public const string DefaultUrl = "http://localhost:3978";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The page and Web Chat's bundle are copied to the build output, so they are found from any working directory.
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StorageOutageHandler>();
        builder.Services.AddHealthChecks();
        builder.Services.AddAssistantStorage();
        builder.Services.AddBotFramework(builder.Configuration);
        builder.Services.AddSingleton<IConversationSinkResolver, ConnectorSinkResolver>();
        builder.Services.AddDirectLine();
        builder.Services.AddWebChat();
        builder.Services.AddKnowledge();
        builder.Services.AddAssistant();
        builder.Services.AddDialogs();
        builder.Services.AddHandoff();
        builder.Services.AddStaffConsole();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapBotFramework("/api/messages");
        app.MapDirectLine().RequireCors(WebChatEndpoints.CorsPolicy);
        app.MapWebChat();
        app.MapStaffSignIn();
        app.MapStaffConsole();
        app.MapHealthChecks("/healthz");
        app.MapEchoEndpointIfEnabled(app.Configuration);
        return app;
    }
}
