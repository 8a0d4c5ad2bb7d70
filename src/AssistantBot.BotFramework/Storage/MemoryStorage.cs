using System.Collections.Concurrent;

namespace AssistantBot.BotFramework.Storage;

/// <summary>An in-process <see cref="IStorage"/>, for tests and for tools that need no persistence.</summary>
public sealed class MemoryStorage : IStorage
{
    private readonly ConcurrentDictionary<string, StoreItem> _items = new(StringComparer.Ordinal);
    private long _version;

    public Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_items.TryGetValue(key, out var item) ? item with { Json = [.. item.Json] } : null);

    public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> json, string? expectedETag, CancellationToken cancellationToken)
    {
        var etag = Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var item = new StoreItem(json.ToArray(), etag);
        var written = expectedETag switch
        {
            "*" => _items.AddOrUpdate(key, item, (_, _) => item) == item,
            null => _items.TryAdd(key, item),
            _ => _items.TryGetValue(key, out var current) && current.ETag == expectedETag && _items.TryUpdate(key, item, current),
        };
        return written ? Task.FromResult(etag) : Task.FromException<string>(new StorageConflictException(key));
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _items.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
