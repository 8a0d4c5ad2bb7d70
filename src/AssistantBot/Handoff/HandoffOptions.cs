using System.ComponentModel.DataAnnotations;

namespace AssistantBot.Handoff;

public sealed class HandoffOptions
{
    public const string SectionName = "Handoff";

    [Required]
    public OfficeHoursOptions OfficeHours { get; set; } = new();

    /// <summary>How long a visitor waits for a signed-in advocate to accept a live chat before being told we will call back.</summary>
    public TimeSpan LiveAcceptWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Staff count as available while their console has been seen within this time.</summary>
    public TimeSpan StaffPresenceTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>For channels behind Azure Bot Service, also send the <c>handoff.initiate</c> event to a contact-center hub.</summary>
    public bool SendHandoffInitiateEvent { get; set; } = true;

    /// <summary>Messages of a transcript attached to a request (with the visitor's consent).</summary>
    [Range(1, 500)]
    public int TranscriptMessages { get; set; } = 50;

    /// <summary>The console's address in webhook messages, e.g. https://assistant.example.org (a link, never contact details).</summary>
    public string? PublicBaseUrl { get; set; }

    [Required]
    public WebhookOptions Webhook { get; set; } = new();
}

public sealed class OfficeHoursOptions
{
    /// <summary>IANA time zone of the advocates' office.</summary>
    [Required]
    public string TimeZone { get; set; } = "America/Los_Angeles";

    [Required]
    public string TimeZoneName { get; set; } = "Pacific time";

    public List<DayOfWeek> Days { get; set; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public TimeOnly Opens { get; set; } = new(8, 0);

    public TimeOnly Closes { get; set; } = new(17, 0);

    /// <summary>The promise: a response within this many business days (counted in office hours).</summary>
    [Range(1, 10)]
    public int ResponseBusinessDays { get; set; } = 1;
}

public sealed class WebhookOptions
{
    /// <summary>Where each new request is announced (a staff chat channel or a paging system); empty = no webhook.</summary>
    public string? Url { get; set; }

    /// <summary>Off by default: the webhook carries the reference number and a link, not who to call.</summary>
    public bool IncludeContactDetails { get; set; }

    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the outbox is checked for deliveries that are due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
