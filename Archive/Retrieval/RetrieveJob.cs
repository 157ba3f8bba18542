namespace CloudFilm.Archive.Retrieval;

/// <summary>A pull of one accession number or patient id from a PACS, and how far it got.</summary>
public sealed record RetrieveJob(
    long Id,
    string Pacs,
    string MatchKey,
    string MatchValue,
    string Status,
    int? StudiesTotal,
    int StudiesDone,
    int InstancesRetrieved,
    int InstancesFailed,
    string? Error,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
