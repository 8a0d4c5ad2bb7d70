using System.Collections.Concurrent;

namespace AssistantBot.Caching;

/// <summary>
/// Keeps a concurrent dictionary used as a cache of things that can be read again (stored items, saved states) under a
/// bound: when it is full, a tenth of it goes, whichever entries the dictionary lists first. Crude, but memory stays
/// bounded and the entries dropped are simply read from their source again.
/// </summary>
public static class CacheBound
{
    public static void MakeRoom<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, int capacity)
        where TKey : notnull
    {
        if (cache.Count < capacity)
        {
            return;
        }

        foreach (var old in cache.Keys.Take(Math.Max(1, capacity / 10)))
        {
            cache.TryRemove(old, out _);
        }
    }
}
