namespace CloudFilm.Grains.Abstractions.Dispatch;

/// <summary>
/// A dispatch configuration command refused for a reason that is not a field of the request (the pool or the station
/// it names is not configured): the caller's mistake, not a bug.
/// </summary>
[GenerateSerializer]
public sealed class DispatchRefusedException : Exception
{
    public DispatchRefusedException()
    {
    }

    public DispatchRefusedException(string message) : base(message)
    {
    }

    public DispatchRefusedException(string message, Exception inner) : base(message, inner)
    {
    }

    public DispatchRefusedException(DispatchActionOutcome outcome, string message) : base(message) => Outcome = outcome;

    [Id(0)]
    public DispatchActionOutcome Outcome { get; init; }
}
