using AssistantBot.Staff;
using AssistantBot.Storage.Sqlite;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Handoff;

[Collection(nameof(ConsoleRedirection))]
public sealed class StaffCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Staff_add_creates_an_account_whose_password_is_hashed()
    {
        var exit = await RunAsync("correct horse battery staple\n", "staff", "add", "--email", "dana@example.org", "--name", "Dana Smith", "--role", "admin");

        Assert.Equal(0, exit);
        var store = new SqliteStaffStore(new SqliteDatabase(Path.Combine(_data.Path, "assistantbot.db")));
        var account = await store.FindByEmailAsync("dana@example.org", default);
        Assert.Equal(("Dana Smith", StaffRoles.Admin), (account!.DisplayName, account.Role));
        Assert.DoesNotContain("correct horse", account.PasswordHash);
        Assert.StartsWith("AQAAAA", account.PasswordHash); // PasswordHasher's versioned format
    }

    [Theory]
    [InlineData("short\n", "dana@example.org", "advocate")]
    [InlineData("correct horse battery staple\n", "not-an-email", "advocate")]
    [InlineData("correct horse battery staple\n", "dana@example.org", "superuser")]
    public async Task Staff_add_refuses_bad_input(string input, string email, string role)
    {
        var exit = await RunAsync(input, "staff", "add", "--email", email, "--name", "Dana", "--role", role);

        Assert.Equal(1, exit);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    private async Task<int> RunAsync(string stdin, params string[] args) => (await ToolRunner.RunAsync(_data.Path, stdin, args)).Exit;
}

/// <summary>Tests that swap Console.In/Out run one at a time.</summary>
[CollectionDefinition(nameof(ConsoleRedirection), DisableParallelization = true)]
public sealed class ConsoleRedirection;
