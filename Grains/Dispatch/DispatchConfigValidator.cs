using CloudFilm.Grains.Abstractions.Dispatch;

namespace CloudFilm.Grains.Dispatch;

/// <summary>
/// Checks a pool's configuration with its stations before it is accepted. Every problem is named by its JSON path,
/// including the ones that only show at run time, such as an emergency that no shift on duty now could take.
/// </summary>
public static class DispatchConfigValidator
{
    public static IReadOnlyDictionary<string, string> Validate(PoolConfig config, IReadOnlyCollection<WorkstationConfig> stations, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(config.PoolId))
        {
            errors["poolId"] = "required";
        }
        if (config.UtcOffsetMinutes is < -720 or > 840)
        {
            errors["utcOffsetMinutes"] = "must be between -720 and 840";
        }
        if (config.DefaultWeight <= 0)
        {
            errors["defaultWeight"] = "must be greater than 0";
        }
        if (config.ReviewWeightFactor <= 0)
        {
            errors["reviewWeightFactor"] = "must be greater than 0";
        }
        if (config.RoutineDelay < TimeSpan.Zero)
        {
            errors["routineDelay"] = "must not be negative";
        }
        if (config.EmergencyStartSla <= TimeSpan.Zero)
        {
            errors["emergencyStartSla"] = "must be greater than 0";
        }
        if (config.SweepAfter <= TimeSpan.Zero)
        {
            errors["sweepAfter"] = "must be greater than 0";
        }
        for (var i = 0; i < config.Weights.Count; i++)
        {
            if (config.Weights[i].Weight <= 0)
            {
                errors[$"weights[{i}].weight"] = "must be greater than 0";
            }
            if (config.Weights.Take(i).Any(w => w.ExamItem == config.Weights[i].ExamItem))
            {
                errors[$"weights[{i}].examItem"] = "listed twice";
            }
        }
        for (var i = 0; i < config.Readers.Count; i++)
        {
            if (config.Readers[i].Level is < 1 or > 3)
            {
                errors[$"readers[{i}].level"] = "must be 1, 2 or 3";
            }
            if (config.Readers.Take(i).Any(r => r.ReaderId == config.Readers[i].ReaderId))
            {
                errors[$"readers[{i}].readerId"] = "listed twice";
            }
        }
        var readerIds = config.Readers.Select(r => r.ReaderId).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < config.VipReaders.Count; i++)
        {
            if (!readerIds.Contains(config.VipReaders[i]))
            {
                errors[$"vipReaders[{i}]"] = "not a reader of this pool";
            }
        }
        for (var i = 0; i < config.Shifts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(config.Shifts[i].ShiftId) || config.Shifts.Take(i).Any(s => s.ShiftId == config.Shifts[i].ShiftId))
            {
                errors[$"shifts[{i}].shiftId"] = "required and unique";
            }
        }
        var shiftIds = config.Shifts.Select(s => s.ShiftId).ToHashSet(StringComparer.Ordinal);
        var stationIds = stations.Select(s => s.StationId).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < config.Roster.Count; i++)
        {
            var entry = config.Roster[i];
            if (!shiftIds.Contains(entry.ShiftId))
            {
                errors[$"roster[{i}].shiftId"] = "no such shift";
            }
            if (!stationIds.Contains(entry.StationId))
            {
                errors[$"roster[{i}].stationId"] = "no such station";
            }
            if (!readerIds.Contains(entry.ReaderId))
            {
                errors[$"roster[{i}].readerId"] = "not a reader of this pool";
            }
        }
        if (errors.Count == 0 && !EmergencyCoveredAt(config, stations, now))
        {
            errors["shifts"] = "no station on duty now takes emergency studies: add an emergency or sweeper shift covering this time";
        }
        return errors;
    }

    /// <summary>Whether an emergency arriving at <paramref name="now"/> has an enabled station on duty to go to.</summary>
    public static bool EmergencyCoveredAt(PoolConfig config, IReadOnlyCollection<WorkstationConfig> stations, DateTimeOffset now)
    {
        var enabled = stations.Where(s => s.Enabled).Select(s => s.StationId).ToHashSet(StringComparer.Ordinal);
        return DutyRoster.At(config, now).Values.Any(d => enabled.Contains(d.StationId));
    }

    public static IReadOnlyDictionary<string, string> ValidateStation(WorkstationConfig station)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(station.StationId))
        {
            errors["stationId"] = "required";
        }
        if (string.IsNullOrWhiteSpace(station.Name))
        {
            errors["name"] = "required";
        }
        if (station.MaxLoad <= 0)
        {
            errors["maxLoad"] = "must be greater than 0";
        }
        if (station.Share <= 0)
        {
            errors["share"] = "must be greater than 0";
        }
        return errors;
    }
}
