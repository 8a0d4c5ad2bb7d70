using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AssistantBot.Storage.Postgres;
using Npgsql;

namespace AssistantBot.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL server for the tests: initdb into a temporary directory, started with pg_ctl on a free
/// port of 127.0.0.1 (and a Unix socket in the same directory), stopped and deleted on dispose. The binaries come from
/// Debian's <c>postgresql</c> package (<c>/usr/lib/postgresql/*/bin</c>), which <c>.ci/run</c> installs; without them
/// the tests fail, they never skip. PostgreSQL refuses to run as root, so under root it runs as the <c>postgres</c> user.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string BinariesVariable = "ASSISTANTBOT_POSTGRES_BIN";
    private const string DirectoryPrefix = "assistantbot-pg-";
    private const string OwnerFile = "owner.pid";

    private readonly string _binaries;
    private readonly bool _asPostgresUser;
    private readonly ConcurrentDictionary<string, Lazy<string>> _databases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<PostgresDatabase>> _pools = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<PostgresDatabase> _instances = [];

    public PostgresServer()
    {
        _binaries = FindBinaries();
        _asPostgresUser = Environment.UserName == "root";
        RemoveAbandonedServers();
        Root = Path.Combine(Path.GetTempPath(), DirectoryPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        File.WriteAllText(Path.Combine(Root, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            if (_asPostgresUser)
            {
                Run("chown", ["-R", "postgres:postgres", Root]);
            }

            RunPostgres("initdb", ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]);
            Start();
        }
        catch
        {
            Delete();
            throw;
        }
    }

    public string Root { get; }

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(Root, "data");

    /// <summary>A connection string to <paramref name="database"/> (which must exist; see <see cref="CreateDatabase"/>).</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        // The whole test run shares one server: keep each pool small and give up on a dead server quickly.
        MaxPoolSize = 30,
        Timeout = 10,
    }.ConnectionString;

    /// <summary>Creates the database once per name (a test class's name, typically) and returns its connection string.</summary>
    public string CreateDatabase(string name) => _databases.GetOrAdd(name, n => new Lazy<string>(() =>
    {
        var database = "test_" + new string(n.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        database = database.Length > 50 ? database[..50] + "_" + Guid.NewGuid().ToString("N")[..8] : database;
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        command.ExecuteNonQuery();
        return ConnectionString(database);
    })).Value;

    /// <summary>A database of its own, for a test that must not share one.</summary>
    public string CreateDatabase() => CreateDatabase("fresh_" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// The application's view of database <paramref name="name"/> (every store's schema), one pool per name for the
    /// whole run, closed when the server stops.
    /// </summary>
    public PostgresDatabase Database(string name) =>
        _pools.GetOrAdd(name, n => new Lazy<PostgresDatabase>(() => AnotherInstance(n))).Value;

    /// <summary>A second pool on database <paramref name="name"/>, as another instance of the assistant would have.</summary>
    public PostgresDatabase AnotherInstance(string name)
    {
        var database = new PostgresDatabase(CreateDatabase(name), PostgresServiceCollectionExtensions.Schema);
        _instances.Add(database);
        return database;
    }

    public void Stop() => RunPostgres("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"]);

    /// <summary>Starts the (stopped) server again on the same port.</summary>
    public void Restart() => RunPostgres("pg_ctl", StartArguments());

    public void Dispose()
    {
        foreach (var database in _instances)
        {
            database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        try
        {
            Stop();
        }
        catch (InvalidOperationException)
        {
            // Already stopped (a test stopped it, or it never started).
        }

        NpgsqlConnection.ClearAllPools();
        Delete();
    }

    private void Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            try
            {
                RunPostgres("pg_ctl", StartArguments());
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between the probe and the start; try another one.
            }
        }
    }

    private string[] StartArguments() =>
    [
        "start", "-D", DataDirectory, "-l", Path.Combine(Root, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -k {Root} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c full_page_writes=off",
    ];

    private void RunPostgres(string program, string[] arguments)
    {
        var path = Path.Combine(_binaries, program);
        if (_asPostgresUser)
        {
            Run("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", path, .. arguments]);
        }
        else
        {
            Run(path, arguments);
        }
    }

    private void Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The postgres user must be able to enter the working directory.
            WorkingDirectory = Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(Root, "server.log");
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output.Result}{error.Result}" +
                (File.Exists(log) ? Environment.NewLine + File.ReadAllText(log) : string.Empty));
        }
    }

    private void Delete()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next run's clean-up.
        }
    }

    /// <summary>Servers left behind by a test run that was killed: stopped and deleted once their owner is gone.</summary>
    private void RemoveAbandonedServers()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            var owner = Path.Combine(directory, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), out var pid) || Directory.Exists($"/proc/{pid}"))
            {
                continue;
            }

            try
            {
                var data = Path.Combine(directory, "data");
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                {
                    RunPostgres("pg_ctl", ["stop", "-D", data, "-m", "immediate", "-w"]);
                }

                Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // Someone else's, or already half gone: not this run's business.
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable(BinariesVariable);
        if (!string.IsNullOrEmpty(configured) && File.Exists(Path.Combine(configured, "initdb")))
        {
            return configured;
        }

        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(d => (Directory: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Directory, "initdb")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Directory)
                .FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException(
            "The PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin. The storage tests run " +
            "against a real server and never skip: run .ci/run, which installs Debian's postgresql package, or " +
            $"apt-get install postgresql, or set {BinariesVariable} to the directory holding initdb.");
    }
}

/// <summary>One PostgreSQL server for every test in the collection; each test class works in a database of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
