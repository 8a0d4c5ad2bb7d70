using System.Security.Claims;

namespace AssistantBot.Staff;

/// <summary>
/// Server-sent events for an open console: "queue" when requests change, "message" when a live chat moves. While the
/// stream is open the staff member counts as present, which is what offers visitors a live chat.
/// </summary>
public static class ConsoleEvents
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(HttpContext http, IStaffEvents events, IStaffStore store, TimeProvider clock)
    {
        var id = http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        var stream = events.Subscribe(http.RequestAborted);
        await store.TouchAsync(id, clock.GetUtcNow(), http.RequestAborted);
        await http.Response.WriteAsync(": connected\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        try
        {
            while (!http.RequestAborted.IsCancellationRequested)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
                tick.CancelAfter(Heartbeat);
                try
                {
                    var next = await stream.ReadAsync(tick.Token);
                    await http.Response.WriteAsync($"event: {next.Kind}\ndata: {next.RequestId}\n\n", http.RequestAborted);
                }
                catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
                {
                    await store.TouchAsync(id, clock.GetUtcNow(), http.RequestAborted);
                    await http.Response.WriteAsync(": heartbeat\n\n", http.RequestAborted);
                }

                await http.Response.Body.FlushAsync(http.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            // The console closed.
        }
    }
}
