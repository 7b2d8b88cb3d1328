using System.Globalization;
using ActorWelfare.Alerts;
using Microsoft.Extensions.Configuration;

namespace ActorWelfare.Time;

/// <summary>
/// The calendar the silo's rules read ("90 days without a meeting"): the system clock, or, when <c>Clock:Now</c> is
/// set (tests, demonstrations), a clock that starts at that instant and runs from there. Only the rules read it:
/// Orleans' own timing (reminders, leases) keeps the system clock, so a test can start a silo months later.
/// </summary>
public sealed class CalendarClock
{
    private readonly IConfiguration configuration;
    private readonly TimeSpan offset;

    public CalendarClock(IConfiguration configuration, TimeProvider? system = null)
    {
        this.configuration = configuration;
        this.system = system ?? TimeProvider.System;
        offset = configuration["Clock:Now"] is { Length: > 0 } start
            ? DateTimeOffset.Parse(start, CultureInfo.InvariantCulture) - this.system.GetLocalNow()
            : TimeSpan.Zero;
    }

    private readonly TimeProvider system;

    public DateTimeOffset Now => system.GetLocalNow() + offset;

    /// <summary>The city's day now (<see cref="CityDay"/>: the same rule as the dashboard's).</summary>
    public DateOnly Today(string city)
    {
        var now = Now;
        return CityDay.Today(now, CityDay.CurrentYear(key => configuration[key], city, now));
    }
}
