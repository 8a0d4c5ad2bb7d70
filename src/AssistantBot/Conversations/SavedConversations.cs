using System.Collections.Concurrent;

namespace AssistantBot.Conversations;

/// <summary>
/// The conversation states this process saved last, kept as objects so that a conversation's next turn can take its
/// state without deserialising it again (about 5 % of a turn's CPU, docs/benchmarks.md).
/// <para>
/// An object is handed out only while the store holds the very bytes it was saved as. Comparing bytes rather than
/// ETags keeps this right whatever wrote the store since: another instance, or a reset followed by a new conversation
/// whose versions start again at the same number. Equal bytes stand for an equal object because every field of the
/// state is serialised (<c>StateRoundTripTests</c>). Taking removes the entry, so the object of a turn that failed after
/// changing it is never handed out again; only a successful save puts one back.
/// </para>
/// </summary>
public sealed class SavedConversations
{
    // A few KB each; a cancer center's site has far fewer conversations active at once.
    private const int Capacity = 4_096;

    private readonly ConcurrentDictionary<string, (byte[] Json, ConversationData Data)> _saved = new(StringComparer.Ordinal);

    /// <summary>The object saved as <paramref name="stored"/>, or <c>null</c> when this process did not save those bytes last.</summary>
    public ConversationData? Take(string key, ReadOnlySpan<byte> stored) =>
        _saved.TryRemove(key, out var saved) && stored.SequenceEqual(saved.Json) ? saved.Data : null;

    /// <summary>Call after <paramref name="json"/> was saved, and change <paramref name="data"/> no more.</summary>
    public void Put(string key, byte[] json, ConversationData data)
    {
        Caching.CacheBound.MakeRoom(_saved, Capacity); // a conversation dropped deserialises its next turn, as before
        _saved[key] = (json, data);
    }

    public void Forget(string key) => _saved.TryRemove(key, out _);
}
