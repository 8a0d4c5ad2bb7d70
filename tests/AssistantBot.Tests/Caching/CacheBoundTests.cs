using System.Collections.Concurrent;
using AssistantBot.Caching;

namespace AssistantBot.Tests.Caching;

public sealed class CacheBoundTests
{
    [Fact]
    public void Below_the_bound_nothing_is_dropped()
    {
        var cache = Filled(99);

        CacheBound.MakeRoom(cache, capacity: 100);

        Assert.Equal(99, cache.Count);
    }

    [Fact]
    public void At_the_bound_a_tenth_is_dropped_so_the_next_entry_fits()
    {
        var cache = Filled(100);

        CacheBound.MakeRoom(cache, capacity: 100);
        cache["new"] = -1;

        Assert.Equal(91, cache.Count);
        Assert.Equal(-1, cache["new"]);
    }

    private static ConcurrentDictionary<string, int> Filled(int count) =>
        new(Enumerable.Range(0, count).Select(i => KeyValuePair.Create($"k{i}", i)), StringComparer.Ordinal);
}
