namespace AssistantBot.Handoff;

public static class HandoffServiceCollectionExtensions
{
    /// <summary>The Patient Advocate hand-off: intake, durable requests, live chat with staff, webhook announcements.</summary>
    public static IServiceCollection AddHandoff(this IServiceCollection services)
    {
        services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.OfficeHours.TimeZone, out _), "Handoff:OfficeHours:TimeZone is not a known time zone.")
            .Validate(o => o.OfficeHours.Opens < o.OfficeHours.Closes && o.OfficeHours.Days.Count > 0, "Handoff:OfficeHours needs opening days and Opens before Closes.")
            .ValidateOnStart();
        services.AddSingleton<HandoffProtector>();
        services.AddSingleton<ResponseWindow>();
        services.AddSingleton<IntakeFlow>();
        services.AddSingleton<HandoffTranscripts>();
        services.AddSingleton<HandoffConversation>();
        services.AddSingleton<HandoffCoordinator>();
        services.AddSingleton<WebhookNotifier>();
        services.AddHttpClient(nameof(WebhookNotifier), c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService<HandoffBackgroundService>();
        return services;
    }
}
