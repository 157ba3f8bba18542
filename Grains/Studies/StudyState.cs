
using CloudFilm.Grains.Abstractions.Archive;
using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Abstractions.Reports;
using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Grains.Studies;

/// <summary>The persisted state of a study (stored as JSON; see deploy/sql/0003).</summary>
public sealed class StudyState
{
    public StudySnapshot? Study { get; set; }

    /// <summary>Every report version received, oldest first.</summary>
    public List<ReportVersion> Reports { get; set; } = [];

    /// <summary>Workflow events the study's dispatch pool has acknowledged: each makes its reading task once.</summary>
    public HashSet<StudyWorkflowEvent> DispatchedEvents { get; set; } = [];

    /// <summary>The patient's own share token, made with the first final report (needed to reprint its QR code).</summary>
    public string? PatientShareToken { get; set; }

    /// <summary>What the archive holds for this order, by Study Instance UID (written by the DICOM front node).</summary>
    public Dictionary<string, ImageArrival> Images { get; set; } = [];
}
