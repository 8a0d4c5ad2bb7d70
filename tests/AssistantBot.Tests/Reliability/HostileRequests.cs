using System.Text;

namespace AssistantBot.Tests.Reliability;

/// <summary>One malformed or hostile request: what is sent, and to which endpoint.</summary>
public sealed record HostileRequest(string Name, HttpMethod Method, string Path, string? Bearer = null, byte[]? Body = null, string? ContentType = "application/json")
{
    public override string ToString() => Name;
}

/// <summary>
/// The corpus of malformed and hostile requests, built from every endpoint crossed with the ways a request can be
/// wrong: bad JSON, wrong types, huge bodies, missing, forged, expired and other conversations' tokens, injection
/// strings and path tricks. Every one must be answered with a clear 4xx.
/// </summary>
public static class HostileRequests
{
    /// <summary>Placeholders filled in by the test: a victim conversation, the attacker's own, their tokens.</summary>
    public const string Victim = "{victim}";
    public const string VictimToken = "{victim-token}";
    public const string AttackerToken = "{attacker-token}";
    public const string ExpiredToken = "{expired-token}";

    public static readonly string[] BadJson =
    [
        "{", "}", "[]", "null", "\"just a string\"", "123", "true", "{\"type\":}", "{\"type\":\"message\",}", "{'type':'message'}",
        "{\"type\":\"message\" \"text\":\"x\"}", new string('[', 5000) + new string(']', 5000), "\uFEFF", "{\"type\":\"message\",\"text\":\"\\ud800\"",
        "<xml>not json</xml>", "type=message&text=hi",
    ];

    public static readonly string[] WrongTypes =
    [
        """{"type":123,"channelId":"test","conversation":{"id":"c"}}""",
        """{"type":["message"],"channelId":"test","conversation":{"id":"c"}}""",
        """{"type":"message","channelId":"test","conversation":"c"}""",
        """{"type":"message","channelId":"test","conversation":{"id":"c"},"from":[]}""",
        """{"type":"message","channelId":"test","conversation":{"id":"c"},"timestamp":"yesterday"}""",
        """{"type":"message","channelId":"test","conversation":{"id":"c"},"entities":{"type":"mention"}}""",
        """{"type":"message","channelId":"test","conversation":{"id":"c"},"attachments":"x"}""",
        """{"type":"message","channelId":"test","conversation":{"id":"c"},"suggestedActions":{"actions":"x"}}""",
        """{"type":"message","channelId":"test","conversation":{"id":"c"},"channelData":[1,2]}""",
        """{"type":"","channelId":"test","conversation":{"id":"c"}}""",
        """{"channelId":"test","conversation":{"id":"c"},"text":"no type"}""",
        """{"type":"message","conversation":{"id":"c"}}""",
        """{"type":"message","channelId":"test","conversation":{}}""",
        """{"type":"message","channelId":"test","conversation":{"id":null}}""",
    ];

    public static readonly string[] InjectionIds =
    [
        "' OR 1=1 --", "1; DROP TABLE state_items;--", "../../etc/passwd", "..%2F..%2Fappsettings.json", "%00", "<script>alert(1)</script>",
        "${jndi:ldap://x/a}", "{{7*7}}", new string('a', 5000), "conv|0000001", "*",
    ];

    public static IEnumerable<HostileRequest> All()
    {
        var jsonEndpoints = new (HttpMethod Method, string Path, string? Bearer)[]
        {
            (HttpMethod.Post, "/api/messages", null),
            (HttpMethod.Post, $"/v3/directline/conversations/{Victim}/activities", VictimToken),
            (HttpMethod.Post, "/v3/directline/tokens/generate", Tests.Infrastructure.AssistantFactory.DirectLineSecret),
        };
        foreach (var (method, path, bearer) in jsonEndpoints)
        {
            foreach (var body in path.EndsWith("generate", StringComparison.Ordinal) ? BadJson.Where(b => b.Trim('\uFEFF').Length > 0 && b != "null") : BadJson)
            {
                yield return new($"bad JSON {Short(body)} to {path}", method, path, bearer, Encoding.UTF8.GetBytes(body));
            }

            foreach (var body in path.EndsWith("generate", StringComparison.Ordinal) ? [] : WrongTypes.Where(b => path == "/api/messages" || !b.Contains("\"type\":\"message\"", StringComparison.Ordinal) || b.Contains("timestamp") || b.Contains("entities") || b.Contains("attachments") || b.Contains("channelData") || b.Contains("suggestedActions") || b.Contains("\"from\":[]")))
            {
                yield return new($"wrong types {Short(body)} to {path}", method, path, bearer, Encoding.UTF8.GetBytes(body));
            }

            foreach (var size in new[] { 300 * 1024, 2 * 1024 * 1024 })
            {
                var huge = Encoding.UTF8.GetBytes($$"""{"type":"message","channelId":"test","conversation":{"id":"c"},"text":"{{new string('x', size)}}"}""");
                yield return new($"{size / 1024} KB body to {path}", method, path, bearer, huge);
            }
        }

        // Invalid UTF-8 and a body that claims to be JSON but is binary.
        yield return new("invalid UTF-8 to /api/messages", HttpMethod.Post, "/api/messages", null, [0x7B, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x7D]);
        yield return new("binary to Direct Line", HttpMethod.Post, $"/v3/directline/conversations/{Victim}/activities", VictimToken, [0, 1, 2, 3, 255, 254]);

        // Every Direct Line route with no, malformed, forged, expired, another conversation's, or a wrong-secret credential.
        var directLine = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Post, "/v3/directline/tokens/refresh"),
            (HttpMethod.Get, $"/v3/directline/conversations/{Victim}"),
            (HttpMethod.Get, $"/v3/directline/conversations/{Victim}/activities"),
            (HttpMethod.Post, $"/v3/directline/conversations/{Victim}/activities"),
            (HttpMethod.Post, $"/v3/directline/conversations/{Victim}/upload"),
            (HttpMethod.Get, $"/v3/directline/conversations/{Victim}/stream"),
        };
        var credentials = new (string Name, string? Bearer)[]
        {
            ("no token", null),
            ("malformed token", "not-a-token"),
            ("forged token", "dlt1.eyJjb252ZXJzYXRpb24iOiJ4In0.AAAA"),
            ("token signed with another secret", "dlt1.eyJjIjoiYSIsIngiOjk5OTk5OTk5OTl9.c2lnbmF0dXJl"),
            ("a JWT", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"),
            ("expired token", ExpiredToken),
            ("another conversation's token", AttackerToken),
            ("wrong secret", "wrong-secret-0123456789abcdef0123456789abcdef"),
            ("SQL in token", "' OR 1=1 --"),
        };
        foreach (var (method, path) in directLine)
        {
            foreach (var (name, bearer) in credentials.Where(c => !(path.EndsWith("refresh", StringComparison.Ordinal) && c.Bearer == AttackerToken)))
            {
                var body = method == HttpMethod.Post ? Encoding.UTF8.GetBytes("""{"type":"message","text":"hi"}""") : null;
                yield return new($"{name} on {method} {path}", method, path, bearer, body);
            }
        }

        yield return new("start a conversation without a token", HttpMethod.Post, "/v3/directline/conversations");
        yield return new("start a conversation with a forged token", HttpMethod.Post, "/v3/directline/conversations", "dlt1.e30.AAAA");
        yield return new("generate without the secret", HttpMethod.Post, "/v3/directline/tokens/generate", VictimToken, "{}"u8.ToArray());
        yield return new("generate with a bad user id", HttpMethod.Post, "/v3/directline/tokens/generate", Tests.Infrastructure.AssistantFactory.DirectLineSecret,
            """{"user":{"id":"<script>"}}"""u8.ToArray());
        yield return new("refresh with the secret", HttpMethod.Post, "/v3/directline/tokens/refresh", Tests.Infrastructure.AssistantFactory.DirectLineSecret);

        // Injection strings as conversation ids, with the attacker's valid token: never another conversation's data.
        foreach (var id in InjectionIds)
        {
            var escaped = Uri.EscapeDataString(id);
            yield return new($"injected id {Short(id)} on activities", HttpMethod.Get, $"/v3/directline/conversations/{escaped}/activities", AttackerToken);
            yield return new($"injected id {Short(id)} on post", HttpMethod.Post, $"/v3/directline/conversations/{escaped}/activities", AttackerToken,
                """{"type":"message","text":"hi"}"""u8.ToArray());
            yield return new($"injected id {Short(id)} on reconnect", HttpMethod.Get, $"/v3/directline/conversations/{escaped}", AttackerToken);
        }

        foreach (var watermark in new[] { "-1", "abc", "1e10", "' OR 1=1 --", "99999999999999999999999", "1;2", "%00" })
        {
            yield return new($"watermark {watermark}", HttpMethod.Get, $"/v3/directline/conversations/{Victim}/activities?watermark={Uri.EscapeDataString(watermark)}", VictimToken);
        }

        // Path tricks aimed at files outside the web root or data the server keeps.
        foreach (var path in new[]
        {
            "/../appsettings.json", "/%2e%2e/appsettings.json", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/lib/../../appsettings.json",
            "/staff-console/..%2f..%2fappsettings.json", "/data/directline.secret", "/keys/", "/directline.secret", "/assistantbot.db",
            "/.git/config", "/AssistantBot.dll", "/appsettings.json", "/web.config", "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/....//....//etc/passwd",
        })
        {
            yield return new($"path {path}", HttpMethod.Get, path);
        }

        // Methods the routes do not take.
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, "/api/messages"), (HttpMethod.Put, "/api/messages"), (HttpMethod.Delete, "/api/messages"),
            (HttpMethod.Get, "/api/webchat/token"), (HttpMethod.Delete, $"/v3/directline/conversations/{Victim}"),
            (HttpMethod.Put, $"/v3/directline/conversations/{Victim}/activities"), (HttpMethod.Get, "/v3/directline/tokens/generate"),
            (HttpMethod.Patch, "/staff/signin"), (HttpMethod.Put, "/api/webchat/token"), (HttpMethod.Delete, "/api/webchat/token"),
            (HttpMethod.Put, "/v3/directline/tokens/refresh"), (HttpMethod.Get, "/v3/directline/conversations"),
        })
        {
            yield return new($"{method} {path}", method, path, VictimToken);
        }

        // The staff console without a session, without the anti-forgery token, or with forged cookies.
        foreach (var path in new[] { "/staff/api/requests", "/staff/api/me", "/staff/api/admin/audit", "/staff/api/admin/staff", "/staff/api/events" })
        {
            yield return new($"console {path} without a session", HttpMethod.Get, path);
        }

        foreach (var path in new[] { "/staff/api/requests/x/claim", "/staff/api/requests/x/resolve", "/staff/api/requests/x/notes", "/staff/api/admin/staff", "/staff/api/requests/x/live/messages" })
        {
            yield return new($"console change {path} without a session", HttpMethod.Post, path, Body: """{"text":"x"}"""u8.ToArray());
        }

        yield return new("sign-in without the form token", HttpMethod.Post, "/staff/signin", Body: "email=a%40b.org&password=x"u8.ToArray(), ContentType: "application/x-www-form-urlencoded");
        yield return new("sign-out without the form token", HttpMethod.Post, "/staff/signout", Body: []);
        yield return new("sign-in with SQL", HttpMethod.Post, "/staff/signin", Body: "email=%27+OR+1%3D1+--&password=%27+OR+1%3D1+--"u8.ToArray(), ContentType: "application/x-www-form-urlencoded");
    }

    private static string Short(string text)
    {
        var printable = new string(text.Select(c => char.IsControl(c) || c > 126 ? '?' : c).ToArray());
        return printable.Length <= 40 ? printable : printable[..40] + "…";
    }
}
