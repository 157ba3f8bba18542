namespace CloudFilm.Archive.Retrieval;

/// <summary>Where a PACS pull is (<c>dicom_retrieve_jobs.status</c>).</summary>
public enum RetrieveJobStatus
{
    /// <summary>Queued through the Api, not yet claimed by a DicomNode.</summary>
    Queued = 0,

    /// <summary>Claimed by a DicomNode under a lease; claimed again by another when the lease runs out.</summary>
    Running = 1,

    Done = 2,
    Failed = 3,
}

/// <summary>
/// <see cref="RetrieveJobStatus"/> as stored: written by the Api (queued) and DicomNode's retrieve worker (the rest),
/// matched by the worker's claim and the Api's job list. Spelled out per member, so renaming a member does not rename
/// what is stored (docs/database.md, "Stored vocabularies").
/// </summary>
public static class RetrieveJobStatusNames
{
    public static string Stored(this RetrieveJobStatus status) => status switch
    {
        RetrieveJobStatus.Queued => "queued",
        RetrieveJobStatus.Running => "running",
        RetrieveJobStatus.Done => "done",
        RetrieveJobStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a retrieve job status"),
    };
}
