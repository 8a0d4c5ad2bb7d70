using System.Security.Cryptography;
using System.Threading.RateLimiting;
using AssistantBot.DirectLine;
using AssistantBot.Storage;
using Microsoft.Extensions.Options;

namespace AssistantBot.WebChat;

public static class WebChatServiceCollectionExtensions
{
    public static IServiceCollection AddWebChat(this IServiceCollection services)
    {
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<DirectLineOptions>, DirectLineDefaults>();

        services.AddCors(cors => cors.AddPolicy(WebChatEndpoints.CorsPolicy, policy => { })); // origins filled in below
        services.AddSingleton<IPostConfigureOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>, WebChatCors>();

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(WebChatEndpoints.TokenRateLimit, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<WebChatOptions>>().Value.TokensPerMinutePerClient;
                return RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }

    /// <summary>
    /// The built-in Direct Line gets the page's allowed origins and, when no secret is configured, a random one kept in
    /// the data directory, so a single instance needs no set-up (several instances must configure a shared secret).
    /// </summary>
    private sealed class DirectLineDefaults(IOptions<WebChatOptions> webChat, DataPaths paths) : IPostConfigureOptions<DirectLineOptions>
    {
        public void PostConfigure(string? name, DirectLineOptions options)
        {
            options.AllowedOrigins = [.. options.AllowedOrigins.Union(webChat.Value.AllowedOrigins, StringComparer.OrdinalIgnoreCase)];
            if (!string.IsNullOrEmpty(options.Secret))
            {
                return;
            }

            var file = paths.File("directline.secret");
            if (!File.Exists(file))
            {
                paths.EnsureCreated();
                try
                {
                    var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                    if (!OperatingSystem.IsWindows())
                    {
                        create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // the secret is for this user only
                    }

                    using var stream = new FileStream(file, create);
                    using var writer = new StreamWriter(stream);
                    writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
                }
                catch (IOException) when (File.Exists(file))
                {
                    // Another process sharing the data directory wrote it first; use theirs.
                }
            }

            options.Secret = File.ReadAllText(file).Trim();
        }
    }

    private sealed class WebChatCors(IOptions<WebChatOptions> webChat) : IPostConfigureOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>
    {
        public void PostConfigure(string? name, Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions options)
        {
            var origins = webChat.Value.AllowedOrigins.Select(o => o.TrimEnd('/')).ToArray();
            options.AddPolicy(WebChatEndpoints.CorsPolicy, policy => policy
                .WithOrigins(origins)
                .WithMethods("GET", "POST")
                // botframework-directlinejs sends Authorization and x-ms-bot-agent on every call, and the rxjs 5 ajax it
                // uses adds X-Requested-With to every request (it never marks them crossDomain).
                .WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent", "X-Requested-With")
                .SetPreflightMaxAge(TimeSpan.FromHours(1)));
        }
    }
}
