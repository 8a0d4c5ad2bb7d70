using System.Text;
using AssistantBot.BotFramework.Storage;
using AssistantBot.Storage.Postgres;
using AssistantBot.Storage.Sqlite;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Storage;

/// <summary>What every <see cref="IStorage"/> must do; each backend runs the same suite.</summary>
public abstract class StorageContractTests
{
    protected abstract IStorage Storage { get; }

    [Fact]
    public async Task A_missing_key_reads_as_null()
    {
        Assert.Null(await Storage.ReadAsync(Key(), default));
    }

    [Fact]
    public async Task What_is_written_is_read_back_with_its_etag()
    {
        var key = Key();
        var etag = await Storage.WriteAsync(key, Json("one"), null, default);

        var item = await Storage.ReadAsync(key, default);

        Assert.Equal("one", Text(item!));
        Assert.Equal(etag, item!.ETag);
    }

    [Fact]
    public async Task Creating_a_key_that_exists_conflicts()
    {
        var key = Key();
        await Storage.WriteAsync(key, Json("one"), null, default);

        await Assert.ThrowsAsync<StorageConflictException>(() => Storage.WriteAsync(key, Json("two"), null, default));
        Assert.Equal("one", Text((await Storage.ReadAsync(key, default))!));
    }

    [Fact]
    public async Task A_write_with_the_current_etag_succeeds_and_changes_the_etag()
    {
        var key = Key();
        var first = await Storage.WriteAsync(key, Json("one"), null, default);

        var second = await Storage.WriteAsync(key, Json("two"), first, default);

        Assert.NotEqual(first, second);
        Assert.Equal("two", Text((await Storage.ReadAsync(key, default))!));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_and_changes_nothing()
    {
        var key = Key();
        var first = await Storage.WriteAsync(key, Json("one"), null, default);
        await Storage.WriteAsync(key, Json("two"), first, default);

        await Assert.ThrowsAsync<StorageConflictException>(() => Storage.WriteAsync(key, Json("three"), first, default));
        Assert.Equal("two", Text((await Storage.ReadAsync(key, default))!));
    }

    [Fact]
    public async Task A_write_with_an_etag_to_a_missing_key_conflicts()
    {
        await Assert.ThrowsAsync<StorageConflictException>(() => Storage.WriteAsync(Key(), Json("one"), "1", default));
    }

    [Fact]
    public async Task The_wildcard_etag_overwrites_whatever_is_there()
    {
        var key = Key();
        await Storage.WriteAsync(key, Json("one"), "*", default);
        await Storage.WriteAsync(key, Json("two"), "*", default);

        Assert.Equal("two", Text((await Storage.ReadAsync(key, default))!));
    }

    [Fact]
    public async Task Deleting_removes_the_item_and_deleting_again_is_harmless()
    {
        var key = Key();
        await Storage.WriteAsync(key, Json("one"), null, default);

        await Storage.DeleteAsync(key, default);
        await Storage.DeleteAsync(key, default);

        Assert.Null(await Storage.ReadAsync(key, default));
    }

    [Fact]
    public async Task Of_many_concurrent_writers_with_the_same_etag_exactly_one_wins()
    {
        var key = Key();
        var etag = await Storage.WriteAsync(key, Json("start"), null, default);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            try
            {
                await Storage.WriteAsync(key, Json($"writer {i}"), etag, default);
                return true;
            }
            catch (StorageConflictException)
            {
                return false;
            }
        }));

        Assert.Single(results, won => won);
    }

    private static string Key() => "contract/" + Guid.NewGuid().ToString("N");

    private static byte[] Json(string value) => Encoding.UTF8.GetBytes($"{{\"v\":\"{value}\"}}");

    private static string Text(StoreItem item) => System.Text.Json.JsonDocument.Parse(item.Json).RootElement.GetProperty("v").GetString()!;
}

public sealed class MemoryStorageContractTests : StorageContractTests
{
    protected override IStorage Storage { get; } = new MemoryStorage();
}

public sealed class SqliteStorageContractTests : StorageContractTests, IDisposable
{
    private readonly SqliteTestDatabase _sqlite = new();

    public SqliteStorageContractTests() => Storage = new SqliteStorage(_sqlite.Database, TimeProvider.System);

    protected override IStorage Storage { get; }

    public void Dispose() => _sqlite.Dispose();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageContractTests(PostgresServer server) : StorageContractTests
{
    protected override IStorage Storage { get; } = new PostgresStorage(server.Database(nameof(PostgresStorageContractTests)), TimeProvider.System);
}
