using AssistantBot.Storage.Postgres;
using AssistantBot.Tests.Infrastructure;
using Npgsql;

namespace AssistantBot.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationTests(PostgresServer server)
{
    // The first step sleeps, so racing migrators really are inside the migration together.
    private static readonly SchemaModule Counted = new("counted",
    [
        "SELECT pg_sleep(0.3); CREATE TABLE applied (step integer NOT NULL); INSERT INTO applied VALUES (1);",
        "INSERT INTO applied VALUES (2);",
    ]);

    [Fact]
    public async Task Migrators_racing_on_a_fresh_database_all_succeed_and_apply_each_step_once()
    {
        var connectionString = server.CreateDatabase();
        var sources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(connectionString)).ToList();
        try
        {
            var applied = await Task.WhenAll(sources.Select(s => Task.Run(() => new PostgresMigrator(s, [Counted]).MigrateAsync(default))));

            Assert.Equal(2, applied.Sum());
            Assert.Equal([1, 2], await ColumnAsync(connectionString, "SELECT step FROM applied ORDER BY step"));
            Assert.Equal([1, 2], await ColumnAsync(connectionString, "SELECT version FROM schema_migrations WHERE module = 'counted' ORDER BY version"));
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Only_steps_appended_since_the_last_run_are_applied()
    {
        var connectionString = server.CreateDatabase();
        await using var source = NpgsqlDataSource.Create(connectionString);

        Assert.Equal(1, await new PostgresMigrator(source, [Counted with { Steps = Counted.Steps.Take(1).ToList() }]).MigrateAsync(default));
        Assert.Equal(1, await new PostgresMigrator(source, [Counted]).MigrateAsync(default));
        Assert.Equal(0, await new PostgresMigrator(source, [Counted]).MigrateAsync(default));

        Assert.Equal([1, 2], await ColumnAsync(connectionString, "SELECT step FROM applied ORDER BY step"));
    }

    [Fact]
    public async Task A_failing_step_leaves_no_part_of_the_run_behind()
    {
        var connectionString = server.CreateDatabase();
        await using var source = NpgsqlDataSource.Create(connectionString);
        var broken = new SchemaModule("broken", ["CREATE TABLE fine (id integer);", "CREATE TABLE fine (id integer);"]);

        await Assert.ThrowsAsync<PostgresException>(() => new PostgresMigrator(source, [broken]).MigrateAsync(default));

        Assert.Equal([0], await ColumnAsync(connectionString, "SELECT count(*)::integer FROM pg_tables WHERE tablename IN ('fine', 'schema_migrations')"));
    }

    [Fact]
    public async Task The_application_schema_applies_on_a_fresh_database_and_then_has_nothing_left_to_do()
    {
        var connectionString = server.CreateDatabase();
        await using var source = NpgsqlDataSource.Create(connectionString);

        var first = await new PostgresMigrator(source, PostgresServiceCollectionExtensions.Schema).MigrateAsync(default);
        var second = await new PostgresMigrator(source, PostgresServiceCollectionExtensions.Schema).MigrateAsync(default);

        Assert.Equal(PostgresServiceCollectionExtensions.Schema.Sum(m => m.Steps.Count), first);
        Assert.Equal(0, second);
    }

    private static async Task<List<int>> ColumnAsync(string connectionString, string sql)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<int>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetInt32(0));
        }

        return values;
    }
}
