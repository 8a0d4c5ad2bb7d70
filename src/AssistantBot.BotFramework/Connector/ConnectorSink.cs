using AssistantBot.BotFramework.Schema;
using AssistantBot.BotFramework.Turns;

namespace AssistantBot.BotFramework.Connector;

/// <summary>Delivers a turn's replies through the Connector API of the channel's <c>serviceUrl</c>, in order.</summary>
public sealed class ConnectorSink(ConnectorClient connector) : IActivitySink
{
    public bool SupportsTyping => true;

    public async Task SendAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        foreach (var activity in activities)
        {
            await connector.SendAsync(activity, cancellationToken);
        }
    }
}

/// <summary>The fallback resolver: any conversation reached by a <c>serviceUrl</c> goes through the Connector.</summary>
public sealed class ConnectorSinkResolver(ConnectorClient connector) : IConversationSinkResolver
{
    public IActivitySink? TryResolve(ConversationReference reference) =>
        Uri.TryCreate(reference.ServiceUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? new ConnectorSink(connector)
            : null;
}
