using AssistantBot.Handoff;
using Microsoft.Extensions.Options;

namespace AssistantBot.Tests.Handoff;

public sealed class ResponseWindowTests
{
    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
    private readonly ResponseWindow _window = new(Options.Create(new HandoffOptions()));

    [Fact]
    public void During_office_hours_the_promise_is_one_business_day_from_now()
    {
        var tuesdayMorning = At(2026, 11, 17, 10, 30); // a Tuesday

        var promise = _window.PromiseFor(tuesdayMorning);

        Assert.True(promise.WithinOfficeHours);
        Assert.Equal(At(2026, 11, 18, 10, 30), promise.DueBy);
        Assert.Equal("A patient advocate will contact you within one business day.", promise.Sentence);
    }

    [Fact]
    public void On_a_friday_the_next_business_day_is_monday()
    {
        var promise = _window.PromiseFor(At(2026, 11, 20, 9, 0));

        Assert.Equal(At(2026, 11, 23, 9, 0), promise.DueBy);
    }

    [Fact]
    public void At_the_weekend_the_clock_starts_when_the_office_opens_and_the_visitor_is_told_when()
    {
        var promise = _window.PromiseFor(At(2026, 11, 21, 22, 15)); // Saturday night

        Assert.False(promise.WithinOfficeHours);
        Assert.Equal(At(2026, 11, 24, 8, 0), promise.DueBy); // opens Monday 8:00, due Tuesday 8:00
        Assert.Contains("Monday to Friday, 8:00 AM to 5:00 PM Pacific time", promise.Sentence);
        Assert.Contains("by Tuesday 8:00 AM Pacific time", promise.Sentence);
    }

    [Fact]
    public void After_closing_on_a_weekday_the_clock_starts_next_morning()
    {
        var promise = _window.PromiseFor(At(2026, 11, 17, 18, 0)); // Tuesday evening

        Assert.Equal(At(2026, 11, 19, 8, 0), promise.DueBy);
    }

    [Fact]
    public void Before_opening_the_clock_starts_the_same_morning()
    {
        var promise = _window.PromiseFor(At(2026, 11, 17, 6, 0));

        Assert.Equal(At(2026, 11, 18, 8, 0), promise.DueBy);
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Pacific.GetUtcOffset(local));
    }
}
