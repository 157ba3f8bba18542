using CloudFilm.Grains.Studies;

namespace CloudFilm.Api.Studies;

/// <summary>The body of <c>POST /api/v1/studies</c>: a patient and an examination order, as HIS/RIS sends them.</summary>
public sealed class RegisterStudyRequest
{
    public PatientPart? Patient { get; set; }

    public OrderPart? Order { get; set; }

    public sealed class PatientPart
    {
        /// <summary>Patient ID as the issuer assigns it (DICOM (0010,0020)).</summary>
        public string? Id { get; set; }

        /// <summary>Issuer of the patient ID (DICOM (0010,0021)), e.g. the hospital's code.</summary>
        public string? Issuer { get; set; }

        /// <summary>Name as people read it, e.g. "张三", or a DICOM person name "Zhang^San=张^三".</summary>
        public string? Name { get; set; }

        /// <summary>M, F, O or U (unknown).</summary>
        public string? Sex { get; set; }

        public DateOnly? BirthDate { get; set; }

        public string? Phone { get; set; }
    }

    public sealed class OrderPart
    {
        public string? AccessionNumber { get; set; }
        public string? Campus { get; set; }
        public string? Department { get; set; }
        public string? Modality { get; set; }
        public string? ExamItem { get; set; }
        public string? BodyPart { get; set; }
        public StudyPriority? Priority { get; set; }
        public PatientType? PatientType { get; set; }
        public bool? Vip { get; set; }
    }
}
