namespace CloudFilm.Grains.Abstractions.Archive;

/// <summary>
/// What the archive holds of one DICOM study, as the front node tells the study's grain. Counts are totals, not
/// increments, and <see cref="Revision"/> grows with every indexed instance, so a repeated or late notification
/// never counts twice or goes backwards. <see cref="ConfirmedByStaff"/> is set when staff linked the images to
/// this order in reconciliation: they belong to it whatever patient id the headers carry.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ImageArrival(
    [property: Id(0)] string StudyInstanceUid,
    [property: Id(1)] string PatientId,
    [property: Id(2)] string IssuerOfPatientId,
    [property: Id(3)] int SeriesCount,
    [property: Id(4)] int InstanceCount,
    [property: Id(5)] DateTimeOffset FirstArrival,
    [property: Id(6)] DateTimeOffset LastArrival,
    [property: Id(7)] long Revision,
    [property: Id(8)] bool ConfirmedByStaff = false);

/// <summary>How images relate to the registered order of their accession number.</summary>
public enum ImageMatch
{
    /// <summary>The order is registered and names the same patient (id + issuer).</summary>
    Matched = 0,

    /// <summary>No order is registered under the accession: kept for reconciliation.</summary>
    NotRegistered = 1,

    /// <summary>The order names another patient: kept for reconciliation, never shown with the order.</summary>
    PatientMismatch = 2,
}
