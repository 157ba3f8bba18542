using CloudFilm.Grains.Abstractions.Reports;

namespace CloudFilm.Grains.Reports;

/// <summary>
/// Which report versions a study accepts. Reporting systems resend (retries) and correct (amendments): a repeat of
/// the latest content is a no-op; after a final report, a preliminary one is refused (it would un-publish what the
/// patient may already have seen), and an amendment needs a final report to amend.
/// </summary>
public static class ReportWorkflow
{
    public static (ReportOutcome Outcome, string? Reason) Decide(IReadOnlyList<ReportVersion> history, ReportContent next)
    {
        var latest = history.Count > 0 ? history[^1].Content : null;
        if (latest is not null && latest == next)
        {
            return (ReportOutcome.Duplicate, null);
        }
        var published = IsPublished(history);
        return next.Status switch
        {
            ReportStatus.Preliminary when published =>
                (ReportOutcome.InvalidTransition, "a preliminary report cannot follow a final one; send it as amended"),
            ReportStatus.Amended when !published =>
                (ReportOutcome.InvalidTransition, "an amended report needs a final report to amend; send it as final"),
            _ => (ReportOutcome.Accepted, null),
        };
    }

    /// <summary>A study's cloud film is publishable once it has a final (or amended) report.</summary>
    public static bool IsPublished(IReadOnlyList<ReportVersion> history) =>
        history.Any(v => v.Content.Status is ReportStatus.Final or ReportStatus.Amended);
}
