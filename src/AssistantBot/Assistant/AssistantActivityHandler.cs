using AssistantBot.BotFramework.Schema;
using AssistantBot.BotFramework.Turns;
using AssistantBot.Conversations;
using AssistantBot.Handoff;

namespace AssistantBot.Assistant;

/// <summary>
/// The bot as the protocol layer sees it: sorts activities by type and runs the ones that matter as stateful turns.
/// Every conversation is greeted once, with the disclaimer, whichever way it starts (Web Chat's join event, a
/// <c>conversationUpdate</c> or <c>installationUpdate</c> adding the bot, or a first message on a channel that sends neither).
/// </summary>
public sealed class AssistantActivityHandler(IAssistant assistant, ConversationTurnRunner runner, ConversationReferences references, HandoffConversation handoff) : IBot
{
    public const string JoinEventName = "webchat/join";

    public Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        return activity.Type switch
        {
            ActivityTypes.Message => runner.RunAsync(turn, async (t, ct) =>
            {
                await GreetOnceAsync(t, ct);
                await assistant.OnMessageAsync(t, ct);
            }, cancellationToken),
            ActivityTypes.Event when activity.Name == JoinEventName => runner.RunAsync(turn, GreetOnceAsync, cancellationToken),
            ActivityTypes.Event when activity.Name == HandoffConversation.StatusEventName => runner.RunAsync(turn, handoff.OnHubStatusAsync, cancellationToken),
            ActivityTypes.ConversationUpdate when BotWasAdded(activity) => runner.RunAsync(turn, GreetOnceAsync, cancellationToken),
            ActivityTypes.InstallationUpdate when activity.Action is "add" or "add-upgrade" => runner.RunAsync(turn, GreetOnceAsync, cancellationToken),
            ActivityTypes.InstallationUpdate when activity.Action is "remove" or "remove-upgrade" => ForgetAsync(turn, cancellationToken),
            ActivityTypes.EndOfConversation => runner.ResetAsync(turn, cancellationToken),
            _ => Task.CompletedTask, // unknown types and events: 200, nothing to do (invokes are answered 501)
        };
    }

    private async Task GreetOnceAsync(AssistantTurn turn, CancellationToken cancellationToken)
    {
        if (turn.Conversation.Greeted)
        {
            return;
        }

        await assistant.GreetAsync(turn, cancellationToken);
        turn.Conversation.Greeted = true;
    }

    private static bool BotWasAdded(Activity activity) =>
        activity.MembersAdded?.Any(m => m.Id is not null && m.Id == activity.Recipient?.Id) == true;

    private async Task ForgetAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        await runner.ResetAsync(turn, cancellationToken);
        await references.DeleteAsync(turn.Activity.ChannelId!, turn.Activity.Conversation!.Id!, cancellationToken);
    }
}
