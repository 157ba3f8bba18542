namespace CloudFilm.Benchmarks.Dispatch;

/// <summary>
/// The simulated wall clock the grains read, moved by the benchmark so a day replays at full speed. Only "now" is
/// simulated; timers and timestamps stay real, so Orleans' own timing is untouched.
/// </summary>
internal sealed class SimulatedClock : TimeProvider
{
    public static readonly SimulatedClock Instance = new();

    private long _utcTicks = DateTimeOffset.UtcNow.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);
}
