namespace CloudFilm.Grains.Abstractions.Studies;

/// <summary>Administrative sex as DICOM writes it in (0010,0040): M, F, O; Unknown when not given.</summary>
public enum Sex
{
    Unknown = 0,
    Male = 1,
    Female = 2,
    Other = 3,
}

/// <summary>How urgent the order is, as the ordering system says.</summary>
public enum StudyPriority
{
    Routine = 0,
    Urgent = 1,
    Emergency = 2,
}

/// <summary>Where the patient comes from; dispatch and queues treat them differently.</summary>
public enum PatientType
{
    Outpatient = 0,
    Inpatient = 1,
    Emergency = 2,
    PhysicalExam = 3,
}

/// <summary>Where a study is in its workflow. Later stages are added as the workflow grows.</summary>
public enum StudyStatus
{
    Registered = 0,
}

/// <summary>Who the patient is, as the registering system knows them. Identity is (PatientId, Issuer), never the name.</summary>
[GenerateSerializer, Immutable]
public sealed record PatientIdentity(
    [property: Id(0)] string PatientId,
    [property: Id(1)] string Issuer,
    [property: Id(2)] string Name,
    [property: Id(3)] Sex Sex,
    [property: Id(4)] DateOnly? BirthDate,
    [property: Id(5)] string? Phone)
{
    /// <summary>The patient's key: identity scoped by the issuer of the patient id.</summary>
    public string PatientKey => PatientKeys.Of(PatientId, Issuer);
}

/// <summary>The examination order: what is to be done, where, how urgently.</summary>
[GenerateSerializer, Immutable]
public sealed record ExamOrder(
    [property: Id(0)] string AccessionNumber,
    [property: Id(1)] string Campus,
    [property: Id(2)] string Department,
    [property: Id(3)] string Modality,
    [property: Id(4)] string ExamItem,
    [property: Id(5)] string BodyPart,
    [property: Id(6)] StudyPriority Priority,
    [property: Id(7)] PatientType PatientType,
    [property: Id(8)] bool IsVip);

/// <summary>A registration of an examination order for a patient, as sent by HIS/RIS.</summary>
[GenerateSerializer, Immutable]
public sealed record StudyRegistration(
    [property: Id(0)] PatientIdentity Patient,
    [property: Id(1)] ExamOrder Order);

/// <summary>What a study looks like now.</summary>
[GenerateSerializer, Immutable]
public sealed record StudySnapshot(
    [property: Id(0)] string StudyKey,
    [property: Id(1)] PatientIdentity Patient,
    [property: Id(2)] ExamOrder Order,
    [property: Id(3)] StudyStatus Status,
    [property: Id(4)] DateTimeOffset RegisteredAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] int Revision,
    [property: Id(7)] bool IsUnmatched = false,
    [property: Id(8)] Reports.ReportStatus? ReportStatus = null);

/// <summary>What a registration did.</summary>
public enum RegistrationOutcome
{
    /// <summary>A new study was registered.</summary>
    Created = 0,

    /// <summary>The same registration was received again; nothing changed.</summary>
    Unchanged = 1,

    /// <summary>The order details were corrected by a later registration of the same accession.</summary>
    Updated = 2,

    /// <summary>The accession is already registered for another patient; nothing changed.</summary>
    ConflictingPatient = 3,
}

[GenerateSerializer, Immutable]
public sealed record RegistrationResult(
    [property: Id(0)] RegistrationOutcome Outcome,
    [property: Id(1)] StudySnapshot Study);
