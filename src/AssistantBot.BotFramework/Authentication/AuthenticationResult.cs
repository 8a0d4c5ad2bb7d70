namespace AssistantBot.BotFramework.Authentication;

public enum AuthenticationStatus
{
    /// <summary>Local mode: no App ID configured and no Authorization header sent.</summary>
    Anonymous,
    Authenticated,
    /// <summary>401: no token, or one that is malformed, expired, for someone else, or badly signed.</summary>
    Unauthorized,
    /// <summary>403: a valid signature by a key that is not endorsed for the activity's channel.</summary>
    Forbidden,
}

/// <summary>The outcome of checking an inbound request; <see cref="Failure"/> is for logs, never for the caller.</summary>
public sealed record AuthenticationResult(AuthenticationStatus Status, string? Failure = null, string? AppId = null)
{
    public static AuthenticationResult Anonymous { get; } = new(AuthenticationStatus.Anonymous);

    public bool Succeeded => Status is AuthenticationStatus.Anonymous or AuthenticationStatus.Authenticated;

    public static AuthenticationResult Unauthorized(string why) => new(AuthenticationStatus.Unauthorized, why);

    public static AuthenticationResult Forbidden(string why) => new(AuthenticationStatus.Forbidden, why);
}
