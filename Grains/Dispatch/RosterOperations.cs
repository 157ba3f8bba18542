using CloudFilm.Grains.Abstractions.Dispatch;

namespace CloudFilm.Grains.Dispatch;

/// <summary>The one-action copies of the management screens: a workstation, a week's roster with its readers.</summary>
public static class RosterOperations
{
    /// <summary>A new station with the rule, load and share of <paramref name="source"/>; roster lines are not copied.</summary>
    public static WorkstationConfig CopyStation(WorkstationConfig source, string newStationId, string newName) =>
        source with { StationId = newStationId, Name = newName };

    /// <summary>
    /// Copies the seven days starting at <paramref name="fromWeekStart"/> onto the week starting at
    /// <paramref name="toWeekStart"/>, readers included, replacing whatever that week held.
    /// </summary>
    public static IReadOnlyList<RosterEntry> CopyWeek(IReadOnlyList<RosterEntry> roster, DateOnly fromWeekStart, DateOnly toWeekStart)
    {
        var shift = toWeekStart.DayNumber - fromWeekStart.DayNumber;
        bool InWeek(RosterEntry e, DateOnly start) => e.Date >= start && e.Date < start.AddDays(7);
        var copied = roster.Where(e => InWeek(e, fromWeekStart)).Select(e => e with { Date = e.Date.AddDays(shift) });
        return [.. roster.Where(e => !InWeek(e, toWeekStart)).Concat(copied)
            .Distinct().OrderBy(e => e.Date).ThenBy(e => e.ShiftId, StringComparer.Ordinal).ThenBy(e => e.StationId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Gives every roster line of <paramref name="stationId"/> also to its copy <paramref name="copyStationId"/>, with
    /// <paramref name="readerId"/> on it, or the same reader on each line when null.
    /// </summary>
    public static IReadOnlyList<RosterEntry> CopyStationRoster(IReadOnlyList<RosterEntry> roster, string stationId, string copyStationId, string? readerId) =>
        [.. roster, .. roster.Where(e => e.StationId == stationId).Select(e => e with { StationId = copyStationId, ReaderId = readerId ?? e.ReaderId })];
}
