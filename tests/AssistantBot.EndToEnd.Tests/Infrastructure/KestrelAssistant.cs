using AssistantBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantBot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The assistant on a real loopback port (Kestrel, port chosen by the OS), for clients that cannot use the in-memory
/// test server: Node and Chromium open real sockets, WebSockets included.
/// </summary>
public class KestrelAssistant : AssistantFactory
{
    public KestrelAssistant()
        : this(_ => { })
    {
    }

    /// <summary>For a variant of the assistant: <paramref name="configure"/> adds settings or services before it starts.</summary>
    protected KestrelAssistant(Action<AssistantFactory> configure)
    {
        configure(this);
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("Kestrel reports no http address: " + string.Join(", ", addresses));
        BaseUrl = new Uri(address).GetLeftPart(UriPartial.Authority);
    }

    /// <summary>For example <c>http://127.0.0.1:41234</c>, without a trailing slash.</summary>
    public string BaseUrl { get; }
}
