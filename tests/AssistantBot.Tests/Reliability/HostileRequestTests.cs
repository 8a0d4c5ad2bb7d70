using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Reliability;

/// <summary>
/// Every malformed or hostile request of the corpus gets a clear 4xx (never a 5xx, never a 2xx) and never carries
/// another conversation's words.
/// </summary>
public sealed class HostileRequestTests : IClassFixture<AssistantFactory>, IAsyncLifetime
{
    private const string VictimSecret = "the victim's private words 7f3a";
    private readonly AssistantFactory _factory;
    private DirectLineSession _victim = null!;
    private DirectLineSession _attacker = null!;

    public HostileRequestTests(AssistantFactory factory) => _factory = factory;

    public static TheoryData<HostileRequest> Corpus() => [.. HostileRequests.All()];

    public async Task InitializeAsync()
    {
        var directLine = new DirectLineHttp(_factory.CreateClient());
        _victim = await directLine.StartAsync();
        await directLine.SayAsync(_victim, VictimSecret, "victim-1");
        _attacker = await directLine.StartAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void The_corpus_has_at_least_200_requests_across_every_endpoint()
    {
        var corpus = HostileRequests.All().ToList();

        Assert.True(corpus.Count >= 200, $"only {corpus.Count} requests");
        foreach (var prefix in new[] { "/api/messages", "/v3/directline/tokens/generate", "/v3/directline/tokens/refresh", "/v3/directline/conversations",
                     "/api/webchat/token", "/staff/api", "/staff/signin" })
        {
            Assert.Contains(corpus, r => r.Path.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Is_answered_with_a_clear_4xx_and_no_other_conversations_data(HostileRequest hostile)
    {
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(hostile.Method, Fill(hostile.Path));
        if (hostile.Bearer is { } bearer)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Fill(bearer));
        }

        if (hostile.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
            if (hostile.ContentType is { } type)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            }
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{hostile.Name}: {(int)response.StatusCode} {Trim(text)}");
        Assert.DoesNotContain(VictimSecret, text);
        Assert.DoesNotContain(_victim.ConversationId + "|", text);
        if (response.Content.Headers.ContentLength > 0 && response.Content.Headers.ContentType?.MediaType is "application/problem+json")
        {
            Assert.NotNull(JsonNode.Parse(text)?["status"]); // a ProblemDetails a client can read
        }
    }

    private string Fill(string template) => template
        .Replace(HostileRequests.Victim, _victim.ConversationId, StringComparison.Ordinal)
        .Replace(HostileRequests.VictimToken, _victim.Token, StringComparison.Ordinal)
        .Replace(HostileRequests.AttackerToken, _attacker.Token, StringComparison.Ordinal)
        .Replace(HostileRequests.ExpiredToken, ExpiredTokens.For(_victim.ConversationId, _victim.UserId), StringComparison.Ordinal);

    private static string Trim(string text) => text.Length <= 300 ? text : text[..300];
}
