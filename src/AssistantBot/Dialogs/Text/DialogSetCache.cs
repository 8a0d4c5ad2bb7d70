using AssistantBot.Dialogs.Model;

namespace AssistantBot.Dialogs.Text;

/// <summary>
/// Something built from a dialog set (a phrase index, a matcher), built on first use and again when a reload
/// replaces the set, or replaces what it was built with (<paramref name="with"/>: the corpus's text analyzer).
/// Two turns racing on a fresh set may both build it; the result is the same, so that is harmless.
/// </summary>
public sealed class DialogSetCache<T>(Func<DialogSet, T> build)
    where T : class
{
    private Entry? _entry;

    public T For(DialogSet set, object? with = null)
    {
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && ReferenceEquals(entry.Set, set) && ReferenceEquals(entry.With, with))
        {
            return entry.Value;
        }

        var value = build(set);
        Volatile.Write(ref _entry, new Entry(set, with, value));
        return value;
    }

    private sealed record Entry(DialogSet Set, object? With, T Value);
}
