using AssistantBot.Storage.Postgres;

namespace AssistantBot.Tests.Infrastructure;

/// <summary>The application's schema in a database of the shared test server.</summary>
public static class PostgresTestDatabase
{
    /// <summary>A pool on the database named <paramref name="name"/> (created on first use), with every store's schema.</summary>
    public static PostgresDatabase Open(PostgresServer server, string name) =>
        new(server.CreateDatabase(name), PostgresServiceCollectionExtensions.Schema);
}
