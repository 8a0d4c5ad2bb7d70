using AssistantBot.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AssistantBot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright. The browser is the system's (installed with apt, as .ci/run does); Playwright
/// never downloads one. Each session gets a fresh profile directory, so nothing (sessionStorage, cache) leaks between tests.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string PathVariable = "ASSISTANTBOT_CHROMIUM";
    public const string DefaultPath = "/usr/bin/chromium";

    // As root in a container: no sandbox; no GPU; and nothing that reaches out to Google's services on its own.
    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly TempDirectory _profile;

    private readonly ITestOutputHelper _output;

    private Chromium(IPlaywright playwright, TempDirectory profile, IBrowserContext context, ITestOutputHelper output)
    {
        _playwright = playwright;
        _profile = profile;
        _output = output;
        Context = context;
    }

    public IBrowserContext Context { get; }

    /// <summary>Console errors and warnings, uncaught exceptions, failed responses and Content-Security-Policy violations seen on any page, in order.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Launches the browser; problems the pages report are also written to <paramref name="output"/> as they happen.</summary>
    public static async Task<Chromium> LaunchAsync(ITestOutputHelper output)
    {
        var executable = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : DefaultPath;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {executable}. The browser tests use the system's Chromium and never download one: " +
                $"install it (apt-get install chromium; .ci/run does) or set {PathVariable} to its path.");
        }

        // Web Chat connects and the bot answers within a second or two; the generous wait only bounds a broken run.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var profile = new TempDirectory("assistantbot-chromium");
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.Path, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000,
            });
            var chromium = new Chromium(playwright, profile, context, output);
            await chromium.WatchForProblemsAsync();
            return chromium;
        }
        catch
        {
            playwright.Dispose();
            profile.Dispose();
            throw;
        }
    }

    public async Task<IPage> NewPageAsync()
    {
        var page = await Context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Report($"console {message.Type}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Report($"uncaught: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Report($"HTTP {response.Status} for {response.Request.Method} {response.Url}");
            }
        };
        return page;
    }

    private async Task WatchForProblemsAsync()
    {
        // A CSP violation is reported as a DOM event as well as on the console; the event names the directive.
        await Context.ExposeFunctionAsync("__reportCspViolation", (string violation) => Report($"CSP violation: {violation}"));
        await Context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', function (e) {
              window.__reportCspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
            });
            """);
    }

    private void Report(string problem)
    {
        lock (Problems)
        {
            Problems.Add(problem);
        }

        _output.WriteLine(problem);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        _profile.Dispose();
    }
}
