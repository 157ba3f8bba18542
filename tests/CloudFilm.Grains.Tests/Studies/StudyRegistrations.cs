
using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Grains.Tests.Studies;

/// <summary>Test data builder for registrations: a typical Chinese outpatient CT order unless told otherwise.</summary>
public static class StudyRegistrations
{
    public static StudyRegistration Chest(string accession, string patientId = "P0001", string name = "张三", string issuer = "HOSP") =>
        new(
            new PatientIdentity(patientId, issuer, name, Sex.Male, new DateOnly(1980, 2, 3), "13800138000"),
            new ExamOrder(accession, "东院", "放射科", "CT", "胸部CT平扫", "胸部", StudyPriority.Routine, PatientType.Outpatient, false));

    public static string UniqueAccession() => "T" + Guid.NewGuid().ToString("N")[..12];
}
