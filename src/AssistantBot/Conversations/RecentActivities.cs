using System.Buffers.Binary;
using System.Text.Json.Serialization;

namespace AssistantBot.Conversations;

/// <summary>
/// The ids of the last activities a conversation processed, kept to recognise a redelivery. Each id is kept as a 64-bit
/// hash, 8 bytes in one byte array in the saved state (base64 in JSON): a fixed 8 bytes per id instead of a JSON
/// string each, which every turn reads and writes.
/// <para>
/// The hash is FNV-1a over the id's UTF-16 code units. Every instance and version must compute the same value, so no
/// seeded hash (string.GetHashCode) will do; a SHA-256 through OpenSSL cost about 2 µs of a turn's CPU for nothing
/// this needs. FNV-1a is not collision-resistant against crafted ids, and needs not be: a collision can only make a
/// conversation ignore one of its own messages as a redelivery. Two different ids of equal length differing in one
/// character never collide (each step is a bijection); two of 64 random ids sharing 64 bits is about 1 in 10^17.
/// </para>
/// </summary>
[JsonConverter(typeof(RecentActivitiesJsonConverter))]
public sealed class RecentActivities
{
    private const int HashBytes = sizeof(ulong);
    private byte[] _hashes;

    public RecentActivities()
        : this([])
    {
    }

    internal RecentActivities(byte[] hashes) => _hashes = hashes.Length % HashBytes == 0 ? hashes : [];

    public int Count => _hashes.Length / HashBytes;

    internal ReadOnlySpan<byte> Hashes => _hashes;

    public bool Contains(string activityId)
    {
        var hash = Hash(activityId);
        for (var offset = 0; offset < _hashes.Length; offset += HashBytes)
        {
            if (BinaryPrimitives.ReadUInt64LittleEndian(_hashes.AsSpan(offset)) == hash)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds <paramref name="activityId"/> and forgets the oldest beyond <paramref name="keep"/>.</summary>
    public void Add(string activityId, int keep)
    {
        var kept = Math.Min(Count, keep - 1);
        var next = new byte[(kept + 1) * HashBytes];
        _hashes.AsSpan(_hashes.Length - (kept * HashBytes)).CopyTo(next);
        BinaryPrimitives.WriteUInt64LittleEndian(next.AsSpan(kept * HashBytes), Hash(activityId));
        _hashes = next;
    }

    internal static ulong Hash(string activityId)
    {
        var hash = 14695981039346656037UL;
        foreach (var unit in activityId)
        {
            hash = (hash ^ unit) * 1099511628211UL;
        }

        return hash;
    }
}

internal sealed class RecentActivitiesJsonConverter : JsonConverter<RecentActivities>
{
    public override RecentActivities Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        new(reader.GetBytesFromBase64());

    public override void Write(System.Text.Json.Utf8JsonWriter writer, RecentActivities value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(value.Hashes);
}
