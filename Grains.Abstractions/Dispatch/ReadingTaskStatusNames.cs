namespace CloudFilm.Grains.Abstractions.Dispatch;

/// <summary>
/// <see cref="ReadingTaskStatus"/> as stored in <c>reading_tasks.status</c>: written by the dispatch projection in the
/// Silo, matched by the worklist and statistics queries in the Api. Spelled out per member, so renaming a member does
/// not rename what is stored (docs/database.md, "Stored vocabularies").
/// </summary>
public static class ReadingTaskStatusNames
{
    public static string Stored(this ReadingTaskStatus status) => status switch
    {
        ReadingTaskStatus.Pending => "Pending",
        ReadingTaskStatus.Assigned => "Assigned",
        ReadingTaskStatus.Started => "Started",
        ReadingTaskStatus.Completed => "Completed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a reading task status"),
    };
}
