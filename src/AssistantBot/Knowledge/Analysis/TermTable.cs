using System.Collections.Concurrent;

namespace AssistantBot.Knowledge.Analysis;

/// <summary>
/// Numbers the distinct strings (words, stems, canonical terms) an index build meets, 0, 1, 2 ..., so finding a
/// passage's distinct terms and counting them for the lexicon index arrays instead of hashing strings. Safe on any
/// thread; a string's number never changes.
/// </summary>
public sealed class TermTable
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private string[] _strings = new string[1024];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public string this[int id] => Volatile.Read(ref _strings)[id];

    public int Id(string text)
    {
        if (_ids.TryGetValue(text, out var id))
        {
            return id;
        }

        lock (_gate)
        {
            if (_ids.TryGetValue(text, out id))
            {
                return id;
            }

            id = _count;
            if (id == _strings.Length)
            {
                var grown = new string[id * 2];
                Array.Copy(_strings, grown, id);
                Volatile.Write(ref _strings, grown);
            }

            _strings[id] = text;
            Volatile.Write(ref _count, id + 1);
            _ids[text] = id;
            return id;
        }
    }
}
