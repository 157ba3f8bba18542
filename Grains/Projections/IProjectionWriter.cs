
using CloudFilm.Grains.Abstractions.Patients;
using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Grains.Projections;

/// <summary>
/// Writes the query tables that lists and searches read (see ARCHITECTURE.md, "Where state lives"). A grain
/// calls it after each state change it has persisted; writes are idempotent upserts, so a retry after a
/// failure converges.
/// </summary>
public interface IProjectionWriter
{
    Task WriteStudyAsync(StudySnapshot study);

    Task WritePatientAsync(PatientSnapshot patient);
}
