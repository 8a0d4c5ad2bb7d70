using System.Net.WebSockets;
using AssistantBot.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AssistantBot.Tests.DirectLine;

/// <summary>Stops its own assistant, so it has a factory of its own.</summary>
public sealed class DirectLineStreamShutdownTests : IDisposable
{
    private readonly AssistantFactory _factory = new();

    [Fact]
    public async Task A_stopping_server_closes_open_streams_as_going_away_so_clients_reconnect()
    {
        var session = await new DirectLineHttp(_factory.CreateClient()).StartAsync();
        await using var stream = new DirectLineSocket(await _factory.Server.CreateWebSocketClient().ConnectAsync(new Uri(session.StreamUrl), CancellationToken.None));

        _factory.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await stream.WaitForCloseAsync());
    }

    public void Dispose() => _factory.Dispose();
}
