using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using AssistantBot.BotFramework.Schema;
using Microsoft.Extensions.Logging;

namespace AssistantBot.DirectLine;

/// <summary>
/// One client's WebSocket on a conversation: first the log after the client's watermark, then every new activity as
/// it is appended, each frame an ActivitySet; typing indicators pass through without being stored; an empty frame
/// keeps an idle socket open. Frames from the client are read only to notice that it closed.
/// </summary>
internal sealed class DirectLineStream(
    WebSocket socket,
    string conversationId,
    long watermark,
    IDirectLineStore store,
    IDirectLineNotifier notifier,
    DirectLineOptions settings,
    JsonSerializerOptions json,
    ILogger logger) : IDirectLineSubscriber
{
    private readonly Channel<Activity?> _signals = Channel.CreateBounded<Activity?>(new BoundedChannelOptions(256)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    /// <summary>How long a closing socket waits for the other side's close frame before it is dropped.</summary>
    private static readonly TimeSpan CloseHandshake = TimeSpan.FromSeconds(5);

    /// <summary>Runs until the client closes the socket or <paramref name="cancellationToken"/> (the server stopping) fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // The reader is not cancelled with the token: cancelling a pending receive aborts the socket, and a stopping
        // server should close it properly (1001, going away) so that the client reconnects rather than errs.
        using var clientGone = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, clientGone.Token);
        // Subscribe before the first read so nothing appended in between is missed.
        using var subscription = notifier.Subscribe(conversationId, this);
        var reading = DrainClientAsync(clientGone);
        try
        {
            await SendNewActivitiesAsync(stop.Token);
            while (!stop.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                idle.CancelAfter(settings.StreamKeepAlive);
                Activity? transient;
                try
                {
                    transient = await _signals.Reader.ReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    await SendFrameAsync(ReadOnlyMemory<byte>.Empty, stop.Token);
                    continue;
                }

                if (transient is not null)
                {
                    await SendFrameAsync(JsonSerializer.SerializeToUtf8Bytes(new ActivitySet { Activities = [transient] }, json), stop.Token);
                }
                else
                {
                    await SendNewActivitiesAsync(stop.Token);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            await CloseAsync();
            if (await Task.WhenAny(reading, Task.Delay(CloseHandshake, CancellationToken.None)) != reading)
            {
                socket.Abort();
            }

            await reading;
        }
    }

    /// <summary>
    /// Ends the socket from this side: answers a client's close, or, when the server is stopping, says "going away"
    /// (1001), which botframework-directlinejs treats like any drop: it reconnects after a few seconds.
    /// </summary>
    private async Task CloseAsync()
    {
        WebSocketCloseStatus status;
        string? reason = null;
        switch (socket.State)
        {
            case WebSocketState.CloseReceived:
                status = WebSocketCloseStatus.NormalClosure;
                break;
            case WebSocketState.Open:
                status = WebSocketCloseStatus.EndpointUnavailable;
                reason = "The assistant is restarting.";
                break;
            default:
                return; // already closed or aborted
        }

        using var timeout = new CancellationTokenSource(CloseHandshake);
        try
        {
            await socket.CloseOutputAsync(status, reason, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }

    public void OnAppended(long appendedWatermark) => _signals.Writer.TryWrite(null);

    public void OnTransient(Activity activity) => _signals.Writer.TryWrite(activity);

    private async Task SendNewActivitiesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await store.GetActivitiesAsync(conversationId, watermark, settings.MaxActivitiesPerPage, cancellationToken);
            if (page.Activities.Count == 0)
            {
                return;
            }

            watermark = page.Watermark;
            var set = new ActivitySet { Activities = [.. page.Activities], Watermark = page.Watermark.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            await SendFrameAsync(JsonSerializer.SerializeToUtf8Bytes(set, json), cancellationToken);
            if (page.Activities.Count < settings.MaxActivitiesPerPage)
            {
                return;
            }
        }
    }

    private Task SendFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken) =>
        socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).AsTask();

    /// <summary>Reads (and ignores) the client's frames, such as its empty keep-alives, until it closes or the socket fails.</summary>
    private async Task DrainClientAsync(CancellationTokenSource clientGone)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning("Direct Line stream read failed: {ExceptionType}", ex.GetType().Name);
        }
        finally
        {
            await clientGone.CancelAsync();
        }
    }
}
