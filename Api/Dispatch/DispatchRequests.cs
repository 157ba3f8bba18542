
using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Api.Dispatch;

/// <summary>A pool's configuration as the Api takes it (times in minutes, shift times as "HH:mm").</summary>
public sealed record PoolConfigRequest(
    IReadOnlyList<string>? Campuses,
    DispatchTrigger? Trigger,
    int? UtcOffsetMinutes,
    IReadOnlyList<ItemWeight>? Weights,
    decimal? DefaultWeight,
    decimal? ReviewWeightFactor,
    int? RoutineDelayMinutes,
    int? EmergencyStartSlaMinutes,
    int? SweepAfterMinutes,
    IReadOnlyList<string>? VipReaders,
    IReadOnlyList<ShiftDefinition>? Shifts,
    IReadOnlyList<RosterEntry>? Roster,
    IReadOnlyList<ReaderProfile>? Readers)
{
    public static PoolConfigRequest From(PoolConfig c) => new(c.Campuses, c.Trigger, c.UtcOffsetMinutes, c.Weights, c.DefaultWeight,
        c.ReviewWeightFactor, (int)c.RoutineDelay.TotalMinutes, (int)c.EmergencyStartSla.TotalMinutes, (int)c.SweepAfter.TotalMinutes,
        c.VipReaders, c.Shifts, c.Roster, c.Readers);

    /// <summary>Fills what was left out with the defaults of an empty pool.</summary>
    public PoolConfig ToConfig(string poolId)
    {
        var d = PoolConfig.Empty(poolId);
        return new PoolConfig(poolId, Campuses ?? d.Campuses, Trigger ?? d.Trigger, UtcOffsetMinutes ?? d.UtcOffsetMinutes, Weights ?? d.Weights,
            DefaultWeight ?? d.DefaultWeight, ReviewWeightFactor ?? d.ReviewWeightFactor,
            RoutineDelayMinutes is { } delay ? TimeSpan.FromMinutes(delay) : d.RoutineDelay,
            EmergencyStartSlaMinutes is { } sla ? TimeSpan.FromMinutes(sla) : d.EmergencyStartSla,
            VipReaders ?? d.VipReaders, Shifts ?? d.Shifts, Roster ?? d.Roster, Readers ?? d.Readers,
            SweepAfterMinutes is { } sweep ? TimeSpan.FromMinutes(sweep) : d.SweepAfter);
    }
}

public sealed record WorkstationRequest(string? Name, string? Campus, TaskRule? Rule, decimal? MaxLoad, decimal? Share, bool? Enabled)
{
    public WorkstationConfig ToConfig(string stationId) => new(stationId, Name ?? "", Campus ?? "", Rule ?? TaskRule.Any,
        MaxLoad ?? 0m, Share ?? 1m, Enabled ?? true);
}

/// <summary>Copy a station under a new id, with its roster lines given to <see cref="ReaderId"/> (or the same readers).</summary>
public sealed record CopyStationRequest(string? NewStationId, string? NewName, string? ReaderId);

public sealed record CopyWeekRequest(DateOnly? FromWeekStart, DateOnly? ToWeekStart);

public sealed record CampusPoolRequest(string? PoolId);

public sealed record HandBackRequest(string? Reason);

public sealed record ReassignRequest(string? StationId);

public sealed record PinRequest(bool? Pinned);

/// <summary>A study workflow event from an external system (RIS: exam completed; PACS: images matched to the order).</summary>
public sealed record StudyEventRequest(
    string? StudyKey, string? Campus, string? Modality, string? ExamItem, PatientType? PatientType, StudyPriority? Priority, bool? IsVip,
    string? Subspecialty, StudyWorkflowEvent? Event);
