namespace CloudFilm.DicomNode.AiPush;

/// <summary>
/// The JSON an AI host receives (camelCase): which <see cref="PushTrigger"/> sent it (<see cref="Event"/>), who the patient is
/// and what the exam is, as registered; the Study Instance UID once images the order accepted have arrived.
/// </summary>
public sealed record ExamPushMessage(
    string Event,
    string PatientName,
    string PatientId,
    string Issuer,
    string Sex,
    DateOnly? BirthDate,
    string AccessionNumber,
    DateOnly StudyDate,
    string StudyDescription,
    string? StudyInstanceUid,
    string Modality,
    string ExamContent,
    string BodyPart,
    string Campus,
    string Department);
