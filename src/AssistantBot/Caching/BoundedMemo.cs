using System.Collections.Concurrent;

namespace AssistantBot.Caching;

/// <summary>
/// Remembers the results of a pure function of a message's text. Visitors repeat themselves a great deal (every
/// suggested-action button sends the same words), so analysing each distinct text once saves most of a turn's work.
/// Bounded: when full it starts over, so popular texts are back within a few turns and memory stays flat. Long texts
/// are computed every time rather than kept.
/// </summary>
public sealed class BoundedMemo<TResult>(int capacity = 4096, int maxKeyLength = 300)
{
    private readonly ConcurrentDictionary<string, TResult> _results = new(StringComparer.Ordinal);

    public TResult Get(string text, Func<string, TResult> compute)
    {
        if (text.Length > maxKeyLength)
        {
            return compute(text);
        }

        if (_results.TryGetValue(text, out var known))
        {
            return known;
        }

        var result = compute(text);
        if (_results.Count >= capacity)
        {
            _results.Clear();
        }

        _results.TryAdd(text, result);
        return result;
    }

    public TResult Get<TState>(string text, TState state, Func<string, TState, TResult> compute)
    {
        if (text.Length > maxKeyLength)
        {
            return compute(text, state);
        }

        if (_results.TryGetValue(text, out var known))
        {
            return known;
        }

        var result = compute(text, state);
        if (_results.Count >= capacity)
        {
            _results.Clear();
        }

        _results.TryAdd(text, result);
        return result;
    }
}
