using System.Globalization;
using CloudFilm.Grains.Abstractions.Queues;

namespace CloudFilm.Grains.Queues;

/// <summary>
/// The service day a moment belongs to: the local date in the queue's time zone, where a day starts at the
/// configured reset time (with a 06:00 reset, 05:59 still belongs to yesterday). Ticket numbers restart each day.
/// </summary>
public static class ServiceDays
{
    public static DateOnly Of(DateTimeOffset now, QueueRules rules)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZone(rules)).DateTime;
        var day = DateOnly.FromDateTime(local);
        return TimeOnly.FromDateTime(local) < ResetTime(rules) ? day.AddDays(-1) : day;
    }

    public static TimeZoneInfo TimeZone(QueueRules rules) => TimeZoneInfo.FindSystemTimeZoneById(rules.TimeZone);

    public static TimeOnly ResetTime(QueueRules rules) =>
        TimeOnly.ParseExact(rules.DailyResetTime, "HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The next instant at which a new service day starts, after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextReset(DateTimeOffset now, QueueRules rules)
    {
        var zone = TimeZone(rules);
        var day = Of(now, rules).AddDays(1);
        var local = day.ToDateTime(ResetTime(rules));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
