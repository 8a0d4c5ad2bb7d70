namespace AssistantBot.BotFramework.Turns;

/// <summary>The bot's logic: called once per inbound activity with the turn's context.</summary>
public interface IBot
{
    Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken);
}

/// <summary>The one error boundary of a turn: called when the bot throws, after the turn's pending replies are dropped.</summary>
public interface ITurnErrorHandler
{
    Task OnTurnErrorAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken);
}
