using System.Net;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.DirectLine;

/// <summary>An assistant that lets one other site use its Direct Line from the browser (Web Chat embedded directly).</summary>
public sealed class EmbeddingSiteFactory : AssistantFactory
{
    public const string AllowedOrigin = "https://hospital.example";

    public EmbeddingSiteFactory() => WithSettings(("WebChat:AllowedOrigins:0", AllowedOrigin));
}

public sealed class DirectLineCorsTests(EmbeddingSiteFactory factory) : IClassFixture<EmbeddingSiteFactory>
{
    // Every header botframework-directlinejs 0.15.8 puts on its calls (lib/directLine.js commonHeaders and the
    // per-call headers), plus X-Requested-With, which its rxjs 5 ajax adds to every request it does not mark crossDomain.
    private const string ClientHeaders = "authorization,content-type,x-ms-bot-agent,x-requested-with";

    [Theory]
    [InlineData("POST", "/v3/directline/conversations")]
    [InlineData("POST", "/v3/directline/conversations/some-id/activities")]
    [InlineData("GET", "/v3/directline/conversations/some-id/activities")]
    [InlineData("GET", "/v3/directline/conversations/some-id")]
    [InlineData("POST", "/v3/directline/tokens/refresh")]
    public async Task An_allowed_site_may_call_direct_line_with_the_clients_headers(string method, string path)
    {
        using var response = await Preflight(path, EmbeddingSiteFactory.AllowedOrigin, method);

        Assert.True(response.IsSuccessStatusCode, $"preflight answered {(int)response.StatusCode}");
        Assert.Equal(EmbeddingSiteFactory.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = response.Headers.GetValues("Access-Control-Allow-Headers").SelectMany(h => h.Split(',')).Select(h => h.Trim().ToLowerInvariant()).ToHashSet();
        foreach (var header in ClientHeaders.Split(','))
        {
            Assert.Contains(header, allowed);
        }
    }

    [Fact]
    public async Task Another_site_gets_no_cors_grant()
    {
        using var response = await Preflight("/v3/directline/conversations", "https://elsewhere.example", "POST");

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task An_allowed_site_may_ask_for_a_page_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webchat/token");
        request.Headers.Add("Origin", EmbeddingSiteFactory.AllowedOrigin);

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EmbeddingSiteFactory.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private Task<HttpResponseMessage> Preflight(string path, string origin, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", ClientHeaders);
        return factory.CreateClient().SendAsync(request);
    }
}
