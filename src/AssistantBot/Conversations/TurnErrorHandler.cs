using AssistantBot.BotFramework.Storage;
using AssistantBot.BotFramework.Turns;
using AssistantBot.Assistant;

namespace AssistantBot.Conversations;

/// <summary>
/// The one error boundary per turn. It logs what failed without the user's words, apologises, and resets the
/// conversation when its state may be what is stuck. A storage outage or a lost race is not the conversation's fault,
/// so those keep the state and ask the user to try again.
/// </summary>
public sealed class TurnErrorHandler(ConversationTurnRunner runner, ILogger<TurnErrorHandler> logger) : ITurnErrorHandler
{
    public async Task OnTurnErrorAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken)
    {
        // Exception messages can quote user input, so only the type and the stack are logged.
        logger.LogError("Turn failed in a {ChannelId} conversation: {ExceptionType}{NewLine}{StackTrace}",
            turn.Activity.ChannelId, exception.GetType().FullName, Environment.NewLine, exception.StackTrace);

        switch (exception)
        {
            case StorageUnavailableException:
                turn.SendText(AssistantText.TryAgainLater, AssistantTurn.Suggestions([AssistantText.PatientAdvocate]));
                break;
            case StorageConflictException:
                turn.SendText(AssistantText.SendAgain);
                break;
            default:
                turn.SendText(AssistantText.SomethingWentWrong, AssistantTurn.Suggestions([AssistantText.PatientAdvocate, AssistantText.Help]));
                await runner.ResetAsync(turn, cancellationToken);
                break;
        }
    }
}
