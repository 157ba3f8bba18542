
using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Grains.Tests.Dispatch;

/// <summary>Sets up a pool on a running cluster with stations on a round-the-clock shift around the real clock.</summary>
public static class DispatchSetup
{
    public static string UniquePool() => "p" + Guid.NewGuid().ToString("N")[..10];

    public static async Task<IDispatcherGrain> PoolAsync(IGrainFactory grains, string poolId, IReadOnlyList<(string Id, decimal MaxLoad)> stations,
        Func<PoolConfig, PoolConfig>? change = null)
    {
        foreach (var (id, maxLoad) in stations)
        {
            var errors = await grains.GetGrain<IWorkstationGrain>(DispatchKeys.StationGrainKey(id))
                .ConfigureAsync(poolId, new WorkstationConfig(id, "工位" + id, "东院", TaskRule.Any, maxLoad), "admin");
            errors.Should().BeEmpty();
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var config = PoolConfig.Empty(poolId) with
        {
            Campuses = ["东院"],
            Trigger = DispatchTrigger.StudyRegistered,
            Shifts = [new ShiftDefinition("all", "全天", ShiftKind.Regular, new TimeOnly(0, 0), new TimeOnly(0, 0))],
            Readers = [.. stations.Select(s => new ReaderProfile("dr-" + s.Id, "医生", 2))],
            Roster = [.. stations.SelectMany(s => new[] { -1, 0, 1 }.Select(d => new RosterEntry(today.AddDays(d), "all", s.Id, "dr-" + s.Id)))],
        };
        var pool = grains.GetGrain<IDispatcherGrain>(DispatchKeys.PoolGrainKey(poolId));
        (await pool.ConfigureAsync(change is null ? config : change(config), "admin")).Should().BeEmpty();
        return pool;
    }

    public static TaskSubject Study(string key, StudyPriority priority = StudyPriority.Routine) =>
        new(key, "东院", "CT", "胸部CT平扫", PatientType.Outpatient, priority, false);
}
