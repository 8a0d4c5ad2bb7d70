using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AssistantBot.Tests.Infrastructure;

/// <summary>A started Direct Line conversation as a client holds it.</summary>
public sealed record DirectLineSession(string ConversationId, string Token, string StreamUrl, string UserId);

/// <summary>
/// Direct Line 3.0 as a client sees it on the wire: plain HTTP with a bearer credential, answers read as JSON nodes
/// rather than the server's own types, so the tests also hold the field names (<c>expires_in</c>, <c>streamUrl</c>) to the spec.
/// </summary>
public sealed class DirectLineHttp(HttpClient client)
{
    public const string Base = "/v3/directline";

    private static int _users;

    public HttpClient Client => client;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? credential, string? json = null)
    {
        using var request = new HttpRequestMessage(method, Base + path);
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    /// <summary>Sends and expects <paramref name="status"/>, failing with the body otherwise; returns the JSON answer.</summary>
    public async Task<JsonObject> SendExpectingAsync(HttpStatusCode status, HttpMethod method, string path, string? credential, string? json = null)
    {
        using var response = await SendAsync(method, path, credential, json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {path}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body.Length == 0 ? "{}" : body)!.AsObject();
    }

    /// <summary>What a server holding the secret does for a page: a token for a new conversation and a user.</summary>
    public async Task<JsonObject> GenerateTokenAsync(string? userId = null)
    {
        userId ??= NewUserId();
        return await SendExpectingAsync(HttpStatusCode.OK, HttpMethod.Post, "/tokens/generate", AssistantFactory.DirectLineSecret,
            new JsonObject { ["user"] = new JsonObject { ["id"] = userId } }.ToJsonString());
    }

    /// <summary>Generates a token and starts its conversation, as Web Chat does on a new page.</summary>
    public async Task<DirectLineSession> StartAsync()
    {
        var userId = NewUserId();
        var generated = await GenerateTokenAsync(userId);
        var started = await SendExpectingAsync(HttpStatusCode.Created, HttpMethod.Post, "/conversations", (string)generated["token"]!);
        return new DirectLineSession((string)started["conversationId"]!, (string)started["token"]!, (string)started["streamUrl"]!, userId);
    }

    public async Task<string> PostAsync(DirectLineSession session, JsonObject activity)
    {
        var answer = await SendExpectingAsync(HttpStatusCode.OK, HttpMethod.Post, $"/conversations/{session.ConversationId}/activities",
            session.Token, activity.ToJsonString());
        var id = (string?)answer["id"];
        Assert.False(string.IsNullOrEmpty(id), "POST activities answers the activity's id");
        return id!;
    }

    public Task<string> SayAsync(DirectLineSession session, string text, string clientActivityId) =>
        PostAsync(session, Message(session, text, clientActivityId));

    public Task<string> JoinAsync(DirectLineSession session) => PostAsync(session, new JsonObject
    {
        ["type"] = "event",
        ["name"] = "webchat/join",
        ["from"] = new JsonObject { ["id"] = session.UserId },
    });

    public async Task<(JsonArray Activities, string Watermark)> GetActivitiesAsync(DirectLineSession session, string? watermark = null)
    {
        var query = watermark is null ? string.Empty : "?watermark=" + Uri.EscapeDataString(watermark);
        var set = await SendExpectingAsync(HttpStatusCode.OK, HttpMethod.Get, $"/conversations/{session.ConversationId}/activities{query}", session.Token);
        return (set["activities"]!.AsArray(), (string)set["watermark"]!);
    }

    /// <summary>
    /// Polls the log (as a polling client does) until it satisfies <paramref name="done"/>. The bot may answer after the
    /// POST was acknowledged, so replies are waited for, never assumed; the wait is generous and only fails a broken run.
    /// </summary>
    public async Task<JsonArray> WaitForActivitiesAsync(DirectLineSession session, Func<JsonArray, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (activities, _) = await GetActivitiesAsync(session);
            if (done(activities))
            {
                return activities;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}; the log holds: {activities.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    public static JsonObject Message(DirectLineSession session, string text, string clientActivityId) => new()
    {
        ["type"] = "message",
        ["text"] = text,
        ["from"] = new JsonObject { ["id"] = session.UserId },
        ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
    };

    public static bool IsReplyTo(JsonNode? activity, string id) => (string?)activity?["replyToId"] == id && (string?)activity?["type"] == "message";

    private static string NewUserId() => $"dl_test{Interlocked.Increment(ref _users)}_{Guid.NewGuid():N}"[..40];
}
