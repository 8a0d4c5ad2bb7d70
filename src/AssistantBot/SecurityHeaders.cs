using AssistantBot.WebChat;
using Microsoft.Extensions.Options;

namespace AssistantBot;

public static class SecurityHeaders
{
    /// <summary>
    /// Headers for every response: the page may load scripts only from this server, and may be framed only by this
    /// site and the allowed origins (the embed snippet). Web Chat styles itself with inline style elements.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var origins = app.ApplicationServices.GetRequiredService<IOptions<WebChatOptions>>().Value.AllowedOrigins;
        var frameAncestors = string.Join(' ', ["'self'", .. origins.Select(o => o.TrimEnd('/'))]);
        var policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
            "connect-src 'self' ws: wss:; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; " +
            $"frame-ancestors {frameAncestors}";
        return app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(http);
        });
    }
}
