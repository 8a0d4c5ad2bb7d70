namespace AssistantBot.BotFramework.Storage;

/// <summary>A stored JSON document and the ETag of the version read.</summary>
public sealed record StoreItem(byte[] Json, string ETag);

/// <summary>
/// Key-value storage for turn state, with optimistic concurrency: every write names the version it replaces,
/// and a write against a version that is no longer current fails with <see cref="StorageConflictException"/>.
/// </summary>
public interface IStorage
{
    Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="json"/> (UTF-8) and returns the new ETag. <paramref name="expectedETag"/> is the ETag read
    /// earlier, <c>null</c> when the key must not exist yet, or <c>"*"</c> to overwrite unconditionally.
    /// </summary>
    Task<string> WriteAsync(string key, ReadOnlyMemory<byte> json, string? expectedETag, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

public sealed class StorageConflictException(string key) : Exception($"The stored item '{key}' changed since it was read.")
{
    public string Key { get; } = key;
}

/// <summary>The store could not be reached (database down, disk full): the turn should apologise, not crash.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);
