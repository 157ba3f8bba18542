using System.Diagnostics;
using System.Text.Json;
using CloudFilm.Benchmarks.Dispatch;
using CloudFilm.Testing;

namespace CloudFilm.Benchmarks.Commands;

/// <summary>
/// dispatch [--studies N] [--seed N] [--hours N]: a synthetic multi-campus day replayed at full speed against the real
/// dispatcher grains, with the same day dealt round-robin and picked oldest-first by readers for comparison.
/// Needs PostgreSQL: CLOUDFILM_TEST_PG, or a throwaway server started for the run.
/// </summary>
internal sealed class DispatchBenchmarkCommand : IBenchmarkCommand
{
    public string Summary => "reading-task dispatch: a synthetic 3-campus day on the real grains vs round-robin and oldest-first";

    public async Task<int> RunAsync(string[] args)
    {
        var studies = 6000;
        var seed = 1;
        var hours = 30;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--studies": studies = int.Parse(args[++i]); break;
                case "--seed": seed = int.Parse(args[++i]); break;
                case "--hours": hours = int.Parse(args[++i]); break;
                default:
                    Console.Error.WriteLine($"dispatch: unknown option {args[i]}");
                    return 2;
            }
        }
        var day = SyntheticDay.Generate(studies, seed);
        var length = TimeSpan.FromHours(hours);
        var roundRobin = new BaselineSimulation(day, roundRobin: true).Run(length);
        var oldestFirst = new BaselineSimulation(day, roundRobin: false).Run(length);
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("bench");
        var wall = Stopwatch.StartNew();
        var grains = await new GrainSimulation(day, connectionString).RunAsync(length);
        var report = new
        {
            benchmark = "dispatch",
            day = new
            {
                studies, seed, simulatedHours = hours, pools = day.Pools.Count, stations = day.Stations.Values.Sum(s => s.Count),
                emergencies = day.Arrivals.Count(a => a.Subject.Priority == Grains.Abstractions.Studies.StudyPriority.Emergency),
                onLeaveAtNoon = day.OnLeaveAtNoon.Select(l => l.StationId), minutesPerWeight = SyntheticDay.MinutesPerWeight,
            },
            machine = new { Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription },
            grainRunWallSeconds = Math.Round(wall.Elapsed.TotalSeconds, 1),
            results = new[] { grains.Report(), roundRobin.Report(), oldestFirst.Report() },
        };
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        var ok = grains.Submitted.All(grains.EverAssigned.Contains) && grains.EmergencySecondsToAssignment.Values.All(s => s <= 1);
        return ok ? 0 : 1;
    }
}
