using System.Collections.Concurrent;
using System.Text.Json;
using AssistantBot.BotFramework.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AssistantBot.Tests.Infrastructure;

/// <summary>
/// A channel's Connector service and token endpoint on a real loopback port: records every activity the bot sends,
/// and can be told to answer the next calls with errors (429 with Retry-After, 502, ...) to exercise retries.
/// </summary>
public sealed class FakeChannel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task<bool>>> _faults = new();

    private FakeChannel(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public ConcurrentQueue<ReceivedActivity> Received { get; } = new();

    public int TokenRequests;

    public int ConnectorCalls;

    public static async Task<FakeChannel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var channel = new FakeChannel(app);
        app.MapPost("/token", (HttpContext http) =>
        {
            Interlocked.Increment(ref channel.TokenRequests);
            return Results.Json(new { token_type = "Bearer", expires_in = 3600, access_token = "outbound-token-" + channel.TokenRequests });
        });
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId?}", async (HttpContext http, string conversationId, string? activityId) =>
        {
            Interlocked.Increment(ref channel.ConnectorCalls);
            if (channel._faults.TryDequeue(out var fault) && await fault(http))
            {
                return;
            }

            var activity = await JsonSerializer.DeserializeAsync<Activity>(http.Request.Body, BotJson.Options);
            channel.Received.Enqueue(new ReceivedActivity(conversationId, activityId, http.Request.Headers.Authorization.ToString(), activity!));
            await http.Response.WriteAsJsonAsync(new { id = "sent-" + channel.Received.Count });
        });
        await app.StartAsync();
        channel.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        return channel;
    }

    /// <summary>The next connector call is answered with this status (and Retry-After seconds, if given).</summary>
    public void FailNext(int status, int? retryAfterSeconds = null) => _faults.Enqueue(http =>
    {
        http.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Task.FromResult(true);
    });

    /// <summary>Waits until at least <paramref name="count"/> activities arrived (generous timeout, not a timing check).</summary>
    public async Task<IReadOnlyList<ReceivedActivity>> WaitForAsync(int count, Func<ReceivedActivity, bool>? where = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var matching = Received.Where(r => where?.Invoke(r) ?? true).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            await Task.Delay(25, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record ReceivedActivity(string ConversationId, string? ReplyToActivityId, string Authorization, Activity Activity);
