namespace CloudFilm.Archive.Index;

/// <summary>What the index keeps of one stored instance, with the study and series attributes it brings.</summary>
public sealed record InstanceRecord
{
    public required string StudyInstanceUid { get; init; }
    public required string SeriesInstanceUid { get; init; }
    public required string SopInstanceUid { get; init; }
    public required string SopClassUid { get; init; }

    public required string PatientId { get; init; }
    public required string IssuerOfPatientId { get; init; }
    public required string PatientName { get; init; }
    public DateOnly? PatientBirthDate { get; init; }
    public required string PatientSex { get; init; }

    public required string AccessionNumber { get; init; }
    public DateOnly? StudyDate { get; init; }
    public required string StudyTime { get; init; }
    public required string StudyId { get; init; }
    public required string StudyDescription { get; init; }
    public required string ReferringPhysician { get; init; }

    public required string Modality { get; init; }
    public int? SeriesNumber { get; init; }
    public required string SeriesDescription { get; init; }
    public required string BodyPart { get; init; }

    public int? InstanceNumber { get; init; }
    public int NumberOfFrames { get; init; } = 1;
    public int? Rows { get; init; }
    public int? Columns { get; init; }
    public bool HasPixelData { get; init; }

    public required string TransferSyntaxUid { get; init; }
    public required string ReceivedSyntaxUid { get; init; }
    public required string BlobKey { get; init; }
    public long StoredBytes { get; init; }
    public long ReceivedBytes { get; init; }
    public required string SourceAeTitle { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}
