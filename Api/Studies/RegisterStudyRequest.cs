
using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Api.Studies;

/// <summary>The body of <c>POST /api/v1/studies</c>: a patient and an examination order, as HIS/RIS sends them.</summary>
public sealed class RegisterStudyRequest
{
    public PatientRequest? Patient { get; set; }

    public OrderPart? Order { get; set; }

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
