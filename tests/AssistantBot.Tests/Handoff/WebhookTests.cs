using System.Collections.Concurrent;
using System.Text.Json;
using AssistantBot.Handoff;
using AssistantBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AssistantBot.Tests.Handoff;

/// <summary>New requests are announced to a staff channel: a real HTTP listener plays the receiving end.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<JsonElement> _received = new();
    private WebApplication _receiver = null!;
    private string _url = string.Empty;
    private int _failuresLeft;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _receiver = builder.Build();
        _receiver.MapPost("/hook", async (HttpContext http) =>
        {
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                return Results.StatusCode(503);
            }

            _received.Enqueue(await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body));
            return Results.Ok();
        });
        await _receiver.StartAsync();
        _url = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_new_request_is_announced_with_its_reference_and_a_link_but_no_contact_details()
    {
        using var factory = Factory();
        var request = await NewRequestAsync(factory);

        var message = await NextAsync();

        Assert.Equal(request.Reference, message.GetProperty("reference").GetString());
        Assert.Contains($"/staff#request/{request.Id}", message.GetProperty("link").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("name").ValueKind);
        Assert.DoesNotContain("5551234567", message.GetRawText());
    }

    [Fact]
    public async Task A_failed_delivery_is_retried()
    {
        _failuresLeft = 2;
        using var factory = Factory();
        var request = await NewRequestAsync(factory);

        var message = await NextAsync();

        Assert.Equal(request.Reference, message.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task Contact_details_are_included_only_when_configured()
    {
        using var factory = Factory(("Handoff:Webhook:IncludeContactDetails", "true"));
        await NewRequestAsync(factory);

        var message = await NextAsync();

        Assert.Equal("Pat Doe", message.GetProperty("name").GetString());
        Assert.Equal("5551234567", message.GetProperty("contact").GetString());
    }

    private AssistantFactory Factory(params (string, string?)[] extra) => new AssistantFactory().WithSettings(
        [("Handoff:Webhook:Url", _url), ("Handoff:Webhook:PollInterval", "00:00:00.100"), ("Handoff:Webhook:FirstRetryDelay", "00:00:00.100"),
         ("Handoff:PublicBaseUrl", "https://assistant.example.org"), .. extra]);

    private static async Task<HandoffRequest> NewRequestAsync(AssistantFactory factory)
    {
        factory.CreateClient(); // starts the host and its background service
        var protector = factory.Services.GetRequiredService<HandoffProtector>();
        return await factory.Services.GetRequiredService<IHandoffStore>().CreateAsync(new HandoffRequest
        {
            Id = ReferenceNumbers.NewId(),
            Reference = ReferenceNumbers.NewReference(),
            IntakeId = ReferenceNumbers.NewId(),
            ChannelId = "test",
            ConversationId = "c",
            Status = HandoffStatus.New,
            CreatedAt = DateTimeOffset.UtcNow,
            DueBy = DateTimeOffset.UtcNow.AddDays(1),
            ProtectedContact = protector.Protect(new HandoffContact("Pat Doe", "5551234567", null, "Morning", null)),
        }, default);
    }

    private async Task<JsonElement> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        JsonElement message;
        while (!_received.TryDequeue(out message))
        {
            await Task.Delay(50, timeout.Token);
        }

        return _received.IsEmpty ? message : throw new InvalidOperationException("More than one announcement arrived.");
    }
}
