namespace CloudFilm.DicomNode.AiPush;

/// <summary>The JSON an AI host receives (camelCase): who the patient is and what the exam is.</summary>
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
