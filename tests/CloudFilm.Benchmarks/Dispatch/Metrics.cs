namespace CloudFilm.Benchmarks.Dispatch;

/// <summary>What one strategy did with the day, measured the same way for the grains and the baselines.</summary>
internal sealed class Metrics(string strategy)
{
    public string Strategy { get; } = strategy;

    public List<double> AssignLatencyMs { get; } = [];

    public Dictionary<string, double> EmergencySecondsToAssignment { get; } = [];

    public List<double> LoadStddevPerMinute { get; } = [];

    public HashSet<string> Submitted { get; } = [];

    public HashSet<string> EverAssigned { get; } = [];

    public int Completed { get; set; }

    /// <summary>Simulated minutes from arrival until a reader started the study, all studies and emergencies.</summary>
    public List<double> WaitToStartMinutes { get; } = [];

    public List<double> EmergencyWaitToStartMinutes { get; } = [];

    public void RecordStart(bool emergency, TimeSpan wait)
    {
        WaitToStartMinutes.Add(wait.TotalMinutes);
        if (emergency)
        {
            EmergencyWaitToStartMinutes.Add(wait.TotalMinutes);
        }
    }

    public void RecordLoads(IReadOnlyCollection<decimal> loads)
    {
        if (loads.Count < 2)
        {
            return;
        }
        var values = loads.Select(l => (double)l).ToList();
        var mean = values.Average();
        LoadStddevPerMinute.Add(Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count));
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public object Report()
    {
        var emergencies = EmergencySecondsToAssignment.Values.ToList();
        return new
        {
            strategy = Strategy,
            assignmentLatencyMs = AssignLatencyMs.Count == 0 ? null : new
            {
                p50 = Math.Round(Percentile(AssignLatencyMs, 50), 2),
                p99 = Math.Round(Percentile(AssignLatencyMs, 99), 2),
                max = Math.Round(AssignLatencyMs.Max(), 2),
                calls = AssignLatencyMs.Count,
            },
            emergencyTimeToAssignmentSeconds = new
            {
                count = emergencies.Count,
                p50 = Percentile(emergencies, 50),
                p99 = Percentile(emergencies, 99),
                max = emergencies.Count == 0 ? 0 : emergencies.Max(),
                overOneSecond = emergencies.Count(e => e > 1),
            },
            loadStddevWeights = new
            {
                meanOverMinutes = Math.Round(LoadStddevPerMinute.Count == 0 ? 0 : LoadStddevPerMinute.Average(), 3),
                p95OverMinutes = Math.Round(Percentile(LoadStddevPerMinute, 95), 3),
            },
            waitToStartMinutes = new
            {
                p50 = Math.Round(Percentile(WaitToStartMinutes, 50), 1),
                p90 = Math.Round(Percentile(WaitToStartMinutes, 90), 1),
                emergencyP90 = Math.Round(Percentile(EmergencyWaitToStartMinutes, 90), 1),
                emergencyMax = Math.Round(EmergencyWaitToStartMinutes.Count == 0 ? 0 : EmergencyWaitToStartMinutes.Max(), 1),
            },
            submitted = Submitted.Count,
            completed = Completed,
            neverAssigned = Submitted.Count(id => !EverAssigned.Contains(id)),
        };
    }
}
