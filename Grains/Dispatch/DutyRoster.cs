using CloudFilm.Grains.Abstractions.Dispatch;

namespace CloudFilm.Grains.Dispatch;

/// <summary>Who sits at a station now, in which shift, and when that shift ends.</summary>
public sealed record Duty(string StationId, string ReaderId, ShiftKind Kind, DateTimeOffset Start, DateTimeOffset End, string ShiftId = "");

/// <summary>Reads the roster: which stations are on duty at an instant, and when that next changes.</summary>
public static class DutyRoster
{
    public static IEnumerable<Duty> Windows(PoolConfig config)
    {
        var offset = TimeSpan.FromMinutes(config.UtcOffsetMinutes);
        var shifts = config.Shifts.ToDictionary(s => s.ShiftId, StringComparer.Ordinal);
        foreach (var entry in config.Roster)
        {
            if (!shifts.TryGetValue(entry.ShiftId, out var shift))
            {
                continue;
            }
            var start = new DateTimeOffset(entry.Date.ToDateTime(shift.Start), offset);
            var endDate = shift.End <= shift.Start ? entry.Date.AddDays(1) : entry.Date;
            var end = new DateTimeOffset(endDate.ToDateTime(shift.End), offset);
            yield return new Duty(entry.StationId, entry.ReaderId, shift.Kind, start, end, shift.ShiftId);
        }
    }

    /// <summary>The duty of each station at <paramref name="now"/>; where two overlap, the one that began last wins.</summary>
    public static Dictionary<string, Duty> At(PoolConfig config, DateTimeOffset now) =>
        Windows(config).Where(d => d.Start <= now && now < d.End)
            .GroupBy(d => d.StationId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.Start).ThenBy(d => d.ReaderId, StringComparer.Ordinal).First(), StringComparer.Ordinal);

    /// <summary>The next instant after <paramref name="now"/> at which some shift starts or ends.</summary>
    public static DateTimeOffset? NextBoundary(PoolConfig config, DateTimeOffset now) =>
        Windows(config).SelectMany(d => new[] { d.Start, d.End }).Where(t => t > now).Order().Cast<DateTimeOffset?>().FirstOrDefault();
}
