using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// tests/directline-client: the Node script that drives botframework-directlinejs. Its packages are installed from
/// the committed package-lock.json (npm ci) the first time, so a fresh clone needs nothing but Node.js.
/// </summary>
public static class DirectLineClientScript
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static string Directory => Path.Combine(RepoPaths.Tests, "directline-client");

    public static async Task<ProcessResult> RunAsync(string baseUrl, string transport)
    {
        var node = Require("node");
        await EnsureInstalledAsync();
        return await ProcessRunner.RunAsync(node, ["conformance.js", "--base-url", baseUrl, "--transport", transport], Directory, TimeSpan.FromMinutes(4));
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "botframework-directlinejs")))
            {
                return;
            }

            // No install scripts: the pinned packages are plain JavaScript and need none.
            var npm = await ProcessRunner.RunAsync(Require("npm"), ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], Directory, TimeSpan.FromMinutes(5));
            Assert.True(npm.Succeeded, "npm ci in tests/directline-client failed:\n" + npm.Output);
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static string Require(string program) =>
        ProcessRunner.FindOnPath(program)
        ?? throw new InvalidOperationException(
            $"'{program}' is not on PATH. The Direct Line conformance tests run Microsoft's client in Node.js (18 or later): " +
            "install nodejs and npm (.ci/run does) and run the tests again.");
}
