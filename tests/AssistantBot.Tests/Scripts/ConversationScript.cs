using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Scripts;

/// <summary>
/// A conversation written as data: what the user says, and what the bot must reply (text fragments, suggested
/// actions, the FAQ answered, the routes the turn took). Loaded from <c>Scripts/*.yaml</c>.
/// </summary>
public sealed class ConversationScript
{
    public string Name { get; set; } = string.Empty;

    public List<ScriptTurn> Turns { get; set; } = [];

    public static ConversationScript Load(string path)
    {
        var script = TestYaml.Load<ConversationScript>(path);
        if (string.IsNullOrEmpty(script.Name))
        {
            script.Name = Path.GetFileNameWithoutExtension(path);
        }

        return script;
    }
}

/// <summary>One step of a script: a message (or the join event, a restart, a pause) and the bot's expected replies.</summary>
public sealed class ScriptTurn
{
    public string? User { get; set; }

    /// <summary>Send Web Chat's join event, as the page does when it opens.</summary>
    public bool Join { get; set; }

    /// <summary>Stop the program and start it again on the same data directory before this turn.</summary>
    public bool Restart { get; set; }

    /// <summary>Let this much time pass (hh:mm:ss) before this turn.</summary>
    public string? Idle { get; set; }

    /// <summary>The routes the turn must take, in order (see <c>IRouteObserver</c>); a trailing '*' matches any route it starts.</summary>
    public List<string>? Routes { get; set; }

    /// <summary>Every reply of the turn, in order: the number of replies must match.</summary>
    public List<ReplyExpectation>? Bot { get; set; }

    /// <summary>Only the first reply, for turns whose later replies do not matter to the script.</summary>
    public ReplyExpectation? First { get; set; }
}

public sealed class ReplyExpectation
{
    /// <summary>A fragment (or a list of fragments) the reply's text must contain, ignoring case.</summary>
    public object? Says { get; set; }

    /// <summary>A fragment the reply's text must not contain.</summary>
    public string? NotSays { get; set; }

    /// <summary>The suggested actions' titles, exactly and in order ([] for none).</summary>
    public List<string>? Suggestions { get; set; }

    /// <summary>Titles that must be among the suggested actions.</summary>
    public List<string>? SuggestionsInclude { get; set; }

    /// <summary>The reply is this FAQ's answer, with its citation and follow-up suggestions.</summary>
    public string? Faq { get; set; }

    /// <summary>The reply is the emergency guidance with the Patient Advocate offer.</summary>
    public bool Emergency { get; set; }

    public IEnumerable<string> Fragments() => Says switch
    {
        null => [],
        string one => [one],
        IEnumerable<object> many => many.Select(m => m.ToString() ?? string.Empty),
        var other => [other.ToString() ?? string.Empty],
    };
}
