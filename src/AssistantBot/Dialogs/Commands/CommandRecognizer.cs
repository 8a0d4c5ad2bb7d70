using AssistantBot.Dialogs.Model;
using AssistantBot.Dialogs.Text;

namespace AssistantBot.Dialogs.Commands;

/// <summary>
/// Recognises global commands. A command phrase must be the whole message, give or take filler words ("help please",
/// "ok cancel"), so that a question merely containing "help" or "cancel" is still answered as a question. Contained
/// phrases ("talk to a person") count anywhere. "Resume" and its declines only mean something while a flow is active.
/// </summary>
public sealed class CommandRecognizer
{
    private readonly DialogSetCache<CompiledCommands> _compiled = new(set => new CompiledCommands(set.Commands));

    public GlobalCommand? Recognize(DialogSet set, string text, bool flowActive)
    {
        var compiled = _compiled.For(set);
        return flowActive ? compiled.Recognize(text, flowActive: true) : compiled.Outside.Get(text, compiled, static (t, c) => c.Recognize(t, flowActive: false));
    }

    /// <summary>True when the message declines to carry on with a paused flow ("no", "not now").</summary>
    public bool IsDecline(DialogSet set, string text) => _compiled.For(set).IsDecline(text);

    private sealed class CompiledCommands
    {
        /// <summary>What each text means outside a flow (the common case), remembered with this set of commands.</summary>
        public Caching.BoundedMemo<GlobalCommand?> Outside { get; } = new();

        private readonly TolerantWords _terms;
        private readonly List<string[]> _fillers;
        private readonly List<(GlobalCommand Command, string Whole)> _phrases = [];
        private readonly List<(GlobalCommand Command, string[] Words)> _contained = [];
        private readonly HashSet<string> _declines;

        public CompiledCommands(CommandSet commands)
        {
            _terms = new TolerantWords(commands.Commands
                .SelectMany(c => c.Phrases.Concat(c.ContainedPhrases).Concat(c.Declines))
                .Concat(commands.Fillers)
                .SelectMany(Words.Of));
            _fillers = commands.Fillers.Select(f => Prepare(f).ToArray()).Where(f => f.Length > 0).OrderByDescending(f => f.Length).ToList();
            foreach (var command in commands.Commands)
            {
                _phrases.AddRange(command.Phrases.Select(p => (command, string.Join(' ', Prepare(p)))));
                _contained.AddRange(command.ContainedPhrases.Select(p => (command, Prepare(p).ToArray())));
            }

            _declines = commands[CommandKind.Resume].Declines.Select(d => string.Join(' ', Prepare(d))).ToHashSet(StringComparer.Ordinal);
        }

        public GlobalCommand? Recognize(string text, bool flowActive)
        {
            var words = WithoutFillers(Prepare(text));
            if (words.Count == 0)
            {
                return null;
            }

            var whole = string.Join(' ', words);
            var command = _phrases.FirstOrDefault(p => p.Whole == whole).Command
                ?? _contained.FirstOrDefault(p => Words.ContainsSequence(words, p.Words)).Command;
            return command is { Kind: CommandKind.Resume } && !flowActive ? null : command;
        }

        public bool IsDecline(string text) => _declines.Contains(string.Join(' ', WithoutFillers(Prepare(text))));

        private List<string> Prepare(string text) => Words.Of(text).Select(_terms.Normalize).ToList();

        private List<string> WithoutFillers(List<string> words)
        {
            bool trimmed;
            do
            {
                trimmed = false;
                foreach (var filler in _fillers)
                {
                    if (words.Count > filler.Length && words.Take(filler.Length).SequenceEqual(filler))
                    {
                        words.RemoveRange(0, filler.Length);
                        trimmed = true;
                    }

                    if (words.Count > filler.Length && words.Skip(words.Count - filler.Length).SequenceEqual(filler))
                    {
                        words.RemoveRange(words.Count - filler.Length, filler.Length);
                        trimmed = true;
                    }
                }
            }
            while (trimmed);

            return words;
        }
    }
}
