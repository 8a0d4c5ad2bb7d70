using System.Globalization;
using Microsoft.Extensions.Options;

namespace AssistantBot.Handoff;

/// <summary>The promise made to a visitor: by when an advocate will reach out, and how to say it.</summary>
public sealed record ResponsePromise(DateTimeOffset DueBy, bool WithinOfficeHours, string Sentence);

/// <summary>
/// Computes the response window from the office hours in configuration: a request counts from the next moment the
/// office is open, and is due that many business days later (at the same time of day, within office hours).
/// </summary>
public sealed class ResponseWindow(IOptions<HandoffOptions> options)
{
    public ResponsePromise PromiseFor(DateTimeOffset requestedAt)
    {
        var hours = options.Value.OfficeHours;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone);
        var local = TimeZoneInfo.ConvertTime(requestedAt, zone);
        var open = IsOpen(local.DateTime, hours);
        var start = open ? local.DateTime : NextOpening(local.DateTime, hours);
        var due = start;
        for (var day = 0; day < hours.ResponseBusinessDays; day++)
        {
            due = NextBusinessDay(due.Date, hours).Add(due.TimeOfDay);
        }

        var dueBy = new DateTimeOffset(due, zone.GetUtcOffset(due));
        var days = hours.ResponseBusinessDays == 1 ? "one business day" : $"{hours.ResponseBusinessDays} business days";
        var sentence = open
            ? $"A patient advocate will contact you within {days}."
            : $"Our patient advocates work {DescribeHours(hours)}, so they will start on your request when the office opens " +
              $"({Describe(start)}) and contact you within {days}, by {Describe(due)} {hours.TimeZoneName}.";
        return new ResponsePromise(dueBy, open, sentence);
    }

    private static bool IsOpen(DateTime local, OfficeHoursOptions hours) =>
        hours.Days.Contains(local.DayOfWeek) && TimeOnly.FromDateTime(local) >= hours.Opens && TimeOnly.FromDateTime(local) < hours.Closes;

    private static DateTime NextOpening(DateTime local, OfficeHoursOptions hours)
    {
        var candidate = local.Date.Add(hours.Opens.ToTimeSpan());
        if (candidate <= local || !hours.Days.Contains(candidate.DayOfWeek))
        {
            candidate = NextBusinessDay(local.Date, hours).Add(hours.Opens.ToTimeSpan());
        }

        return candidate;
    }

    private static DateTime NextBusinessDay(DateTime date, OfficeHoursOptions hours)
    {
        var next = date.AddDays(1);
        while (!hours.Days.Contains(next.DayOfWeek))
        {
            next = next.AddDays(1);
        }

        return next;
    }

    private static string Describe(DateTime local) => local.ToString("dddd h:mm tt", CultureInfo.InvariantCulture);

    private static string DescribeHours(OfficeHoursOptions hours)
    {
        var days = hours.Days.Order().ToList();
        var dayText = days.Count == 5 && days.SequenceEqual([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday])
            ? "Monday to Friday"
            : string.Join(", ", days);
        return $"{dayText}, {hours.Opens.ToString("h:mm tt", CultureInfo.InvariantCulture)} to {hours.Closes.ToString("h:mm tt", CultureInfo.InvariantCulture)} {hours.TimeZoneName}";
    }
}
