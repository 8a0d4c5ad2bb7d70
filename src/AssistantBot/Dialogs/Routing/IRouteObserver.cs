using AssistantBot.Conversations;

namespace AssistantBot.Dialogs.Routing;

/// <summary>
/// Told which way each part of a turn went ("safety/emergency", "faq/first-signs", "flow/screening/ask/age"), without
/// the visitor's words: for the logs, for content editors' statistics, and for the conversation scripts' checks.
/// </summary>
public interface IRouteObserver
{
    void Routed(AssistantTurn turn, string route);
}

public sealed class LoggingRouteObserver(ILogger<LoggingRouteObserver> logger) : IRouteObserver
{
    public void Routed(AssistantTurn turn, string route) => logger.LogInformation("Turn routed to {Route}", route);
}
