using System.Collections.Concurrent;
using AssistantBot.Conversations;
using AssistantBot.Dialogs.Routing;

namespace AssistantBot.Tests.Infrastructure;

/// <summary>Keeps the routes each conversation's turns took, so scripts can check which way a turn went.</summary>
public sealed class RecordingRouteObserver : IRouteObserver
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _routes = new(StringComparer.Ordinal);

    public void Routed(AssistantTurn turn, string route) =>
        _routes.GetOrAdd(turn.Activity.Conversation!.Id!, _ => new ConcurrentQueue<string>()).Enqueue(route);

    /// <summary>The routes recorded for the conversation since the last call.</summary>
    public IReadOnlyList<string> Take(string conversationId)
    {
        var taken = new List<string>();
        if (_routes.TryGetValue(conversationId, out var queue))
        {
            while (queue.TryDequeue(out var route))
            {
                taken.Add(route);
            }
        }

        return taken;
    }
}
