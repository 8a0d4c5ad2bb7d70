using AssistantBot.BotFramework.Schema;
using AssistantBot.BotFramework.Turns;

namespace AssistantBot.Conversations;

/// <summary>What the assistant's logic sees of a turn: the activity, the conversation's saved state, and a way to reply.</summary>
public sealed class AssistantTurn(TurnContext context, ConversationData conversation, DateTimeOffset now)
{
    public TurnContext Context { get; } = context;

    public Activity Activity => Context.Activity;

    /// <summary>The user's text, trimmed; empty for activities without text (card submissions, events).</summary>
    public string Text => Activity.Text?.Trim() ?? string.Empty;

    public ConversationData Conversation { get; } = conversation;

    public DateTimeOffset Now { get; } = now;

    /// <summary>Set when the red-flag check already answered this message with emergency guidance.</summary>
    public bool EmergencyReplied { get; set; }

    public void Reply(string text, IEnumerable<string>? suggestions = null) =>
        Context.SendText(text, Suggestions(suggestions));

    public void Reply(Activity activity) => Context.Send(activity);

    public static SuggestedActions? Suggestions(IEnumerable<string>? titles)
    {
        var actions = titles?.Select(t => CardAction.ImBack(t)).ToList();
        return actions is { Count: > 0 } ? new SuggestedActions { Actions = actions } : null;
    }
}
