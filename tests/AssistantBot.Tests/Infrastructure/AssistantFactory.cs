using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantBot.Tests.Infrastructure;

/// <summary>
/// The whole assistant in-process, on its own temporary data directory, configured as the embedded default
/// (SQLite, local mode without an App ID). Tests add settings with <see cref="WithSettings"/> before first use.
/// </summary>
public class AssistantFactory : WebApplicationFactory<Program>
{
    public const string DirectLineSecret = "test-directline-secret-0123456789abcdef0123456789";

    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<IServiceCollection>> _services = [];

    public AssistantFactory()
    {
        _settings["Storage:DataDirectory"] = _data.Path;
        _settings["DirectLine:Secret"] = DirectLineSecret;
        _settings["Knowledge:CorpusDirectory"] = RepoPaths.Corpus;
        _settings["Dialogs:Directory"] = RepoPaths.Dialogs;
        // In-process requests all come from one (unknown) address; tests of the limits set their own.
        _settings["Staff:SignInsPerMinutePerClient"] = "1000";
        _settings["WebChat:TokensPerMinutePerClient"] = "1000";
    }

    public string DataDirectory => _data.Path;

    public AssistantFactory WithSettings(params (string Key, string? Value)[] settings)
    {
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }

        return this;
    }

    public AssistantFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services =>
        {
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _data.Dispose();
        }
    }
}
