using System.Text.Json;

namespace AssistantBot.Diagnostics;

public static class EchoEndpoint
{
    /// <summary>
    /// A bare JSON echo on the same Kestrel, for load tests: the bot's figures are reported as a ratio to it, which
    /// holds across machines better than absolute numbers. Mapped only when <c>Diagnostics:EchoEndpoint</c> is true.
    /// </summary>
    public static IEndpointRouteBuilder MapEchoEndpointIfEnabled(this IEndpointRouteBuilder endpoints, IConfiguration configuration)
    {
        if (configuration.GetValue<bool>("Diagnostics:EchoEndpoint"))
        {
            endpoints.MapPost("/bench/echo", async (HttpContext http) =>
            {
                using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
                http.Response.ContentType = "application/json";
                await using var writer = new Utf8JsonWriter(http.Response.BodyWriter);
                document.WriteTo(writer);
            });
        }

        return endpoints;
    }
}
