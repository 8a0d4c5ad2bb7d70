using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace AssistantBot.Conversations;

/// <summary>
/// The ids of the last activities a conversation processed, kept to recognise a redelivery. Each id is kept as the
/// first 8 bytes of its SHA-256 (of its UTF-8), one byte array in the saved state (base64 in JSON): a fixed 8 bytes per id instead of
/// a JSON string each, which every turn reads and writes. SHA-256 because every instance must compute the same value;
/// two of 64 ids sharing 64 bits by chance is about 1 in 10^16.
/// </summary>
[JsonConverter(typeof(RecentActivitiesJsonConverter))]
public sealed class RecentActivities
{
    private const int HashBytes = 8;
    private byte[] _hashes;
    private (string? Id, byte[] Hash) _lastHashed = (null, []);

    public RecentActivities()
        : this([])
    {
    }

    internal RecentActivities(byte[] hashes) => _hashes = hashes.Length % HashBytes == 0 ? hashes : [];

    public int Count => _hashes.Length / HashBytes;

    internal ReadOnlySpan<byte> Hashes => _hashes;

    public bool Contains(string activityId)
    {
        Span<byte> hash = stackalloc byte[HashBytes];
        Hash(activityId, hash);
        for (var offset = 0; offset < _hashes.Length; offset += HashBytes)
        {
            if (_hashes.AsSpan(offset, HashBytes).SequenceEqual(hash))
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
        Hash(activityId, next.AsSpan(kept * HashBytes));
        _hashes = next;
    }

    // A turn asks Contains(id) and then Add(id): the one hash serves both.
    private void Hash(string activityId, Span<byte> destination)
    {
        if (!ReferenceEquals(activityId, _lastHashed.Id))
        {
            _lastHashed = (activityId, SHA256.HashData(Encoding.UTF8.GetBytes(activityId)).AsSpan(0, HashBytes).ToArray());
        }

        _lastHashed.Hash.CopyTo(destination);
    }
}

internal sealed class RecentActivitiesJsonConverter : JsonConverter<RecentActivities>
{
    public override RecentActivities Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        new(reader.GetBytesFromBase64());

    public override void Write(System.Text.Json.Utf8JsonWriter writer, RecentActivities value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(value.Hashes);
}
