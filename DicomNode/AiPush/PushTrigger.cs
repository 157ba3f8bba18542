namespace CloudFilm.DicomNode.AiPush;

/// <summary>
/// The moments an exam is pushed to an AI host; each name is the push's <c>event</c> and the delivery's trigger.
/// An endpoint that names none wants them all.
/// </summary>
public static class PushTrigger
{
    /// <summary>The order appeared in the studies query table (HIS registered it).</summary>
    public const string Registered = "registered";

    /// <summary>
    /// The patient was called into the exam room by a queue, or, for exams that never pass through a queue, the
    /// first images the order accepted arrived at the archive; whichever comes first.
    /// </summary>
    public const string ExamStarted = "exam-started";

    public static IReadOnlyList<string> All { get; } = [Registered, ExamStarted];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);

    /// <summary>What <paramref name="endpoint"/> wants pushed: its configured triggers, or all of them when it names none.</summary>
    public static IReadOnlyList<string> Wanted(AiPushOptions.Endpoint endpoint) =>
        endpoint.Triggers.Count == 0 ? All : [.. endpoint.Triggers.Distinct(StringComparer.Ordinal)];
}
