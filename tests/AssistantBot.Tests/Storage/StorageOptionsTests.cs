using System.ComponentModel.DataAnnotations;
using AssistantBot.Storage;

namespace AssistantBot.Tests.Storage;

public sealed class StorageOptionsTests
{
    [Theory]
    [InlineData("Sqlite", null, true)]
    [InlineData("Postgres", "Host=db.internal;Database=assistantbot;Username=bot", true)]
    [InlineData("postgres", "Host=db.internal", true)]
    [InlineData("Postgres", null, false)]
    [InlineData("Postgres", " ", false)]
    [InlineData("Postgres", "Database=assistantbot", false)]
    [InlineData("Postgres", "Host=db.internal;Colour=blue", false)]
    [InlineData("Mongo", null, false)]
    public void The_provider_and_its_connection_string_are_checked_at_start(string provider, string? connectionString, bool valid)
    {
        var options = new StorageOptions { Provider = provider, PostgresConnectionString = connectionString };

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }
}
