using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace AssistantBot.Tests.Infrastructure;

/// <summary>
/// The client end of a Direct Line stream: reads frames as a Direct Line client does (an empty frame is a keep-alive,
/// any other is an ActivitySet) and collects activities until the one a test waits for arrives.
/// </summary>
public sealed class DirectLineSocket(WebSocket socket) : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public List<JsonObject> Frames { get; } = [];

    public int KeepAlives { get; private set; }

    public List<JsonObject> Activities => [.. Frames.SelectMany(f => f["activities"]!.AsArray().Select(a => a!.AsObject()))];

    /// <summary>Reads frames until an activity matches; returns it. Fails with everything received when it never comes.</summary>
    public async Task<JsonObject> WaitForActivityAsync(Func<JsonObject, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (Activities.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            try
            {
                await ReceiveFrameAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting for {what} on the stream; received: {new JsonArray([.. Activities.Select(a => a.DeepClone())]).ToJsonString()}");
            }
        }
    }

    /// <summary>Reads frames until an empty one (a keep-alive) arrives.</summary>
    public async Task WaitForKeepAliveAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var before = KeepAlives;
        while (KeepAlives == before)
        {
            await ReceiveFrameAsync(timeout.Token);
        }
    }

    /// <summary>Sends what botframework-directlinejs sends every 20 s so a dead connection is noticed: an empty text frame.</summary>
    public Task SendKeepAliveAsync() =>
        socket.SendAsync(ArraySegment<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Reads until the server closes the stream; returns the close status it gave.</summary>
    public async Task<WebSocketCloseStatus?> WaitForCloseAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[8192];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return received.CloseStatus;
            }
        }
    }

    private async Task ReceiveFrameAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, cancellationToken);
            Assert.False(received.MessageType == WebSocketMessageType.Close, $"The server closed the stream: {received.CloseStatus} {received.CloseStatusDescription}");
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);

        Assert.Equal(WebSocketMessageType.Text, received.MessageType);
        if (message.Length == 0)
        {
            KeepAlives++;
            return;
        }

        Frames.Add(JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!.AsObject());
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
            {
            }
        }

        socket.Dispose();
    }
}
