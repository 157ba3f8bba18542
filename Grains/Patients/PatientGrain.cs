using CloudFilm.Grains.Abstractions.Patients;
using CloudFilm.Grains.Abstractions.Studies;
using CloudFilm.Grains.Projections;
using Orleans.Runtime;

namespace CloudFilm.Grains.Patients;

public sealed class PatientGrain(
    [PersistentState("patient", GrainStorage.Name)] IPersistentState<PatientState> state,
    IProjectionWriter projections,
    TimeProvider clock) : Grain, IPatientGrain
{
    public async Task RecordStudyAsync(PatientIdentity identity, string studyKey)
    {
        if (state.State.Identity == identity && state.State.StudyKeys.Contains(studyKey))
        {
            return;
        }
        state.State.Identity = identity;
        if (!state.State.StudyKeys.Contains(studyKey))
        {
            state.State.StudyKeys.Add(studyKey);
        }
        state.State.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        await projections.WritePatientAsync(Snapshot()!);
    }

    public Task<PatientSnapshot?> GetAsync() => Task.FromResult(Snapshot());

    private PatientSnapshot? Snapshot() => state.State.Identity is { } identity
        ? new PatientSnapshot(identity.PatientKey, identity, [.. state.State.StudyKeys], state.State.UpdatedAt)
        : null;
}
