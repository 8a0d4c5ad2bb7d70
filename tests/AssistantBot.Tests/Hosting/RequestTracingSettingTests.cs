using AssistantBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace AssistantBot.Tests.Hosting;

/// <summary>
/// The shipped appsettings.json turns off ASP.NET Core's per-request tracing Activity (docs/benchmarks.md: about 5 % of a
/// turn's CPU), which ASP.NET Core starts whenever its hosting log category is enabled at any level.
/// </summary>
public sealed class RequestTracingSettingTests
{
    [Fact]
    public async Task The_shipped_settings_start_no_activity_per_request()
    {
        Assert.False(await RequestHadActivityAsync(overrideLevel: null));
    }

    [Fact]
    public async Task Logging_requests_again_brings_the_activity_back()
    {
        Assert.True(await RequestHadActivityAsync(overrideLevel: "Information"));
    }

    private static async Task<bool> RequestHadActivityAsync(string? overrideLevel)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile(Path.Combine(RepoPaths.Root, "appsettings.json"), optional: false);
        if (overrideLevel is not null)
        {
            builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", overrideLevel)]);
        }

        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        app.MapGet("/", (HttpContext context) => context.Features.Get<IHttpActivityFeature>() is not null ? "yes" : "no");
        await app.StartAsync();
        var answer = await app.GetTestClient().GetStringAsync("/");
        return answer == "yes";
    }
}
