using CloudFilm.Grains.Patients;
using CloudFilm.Grains.Projections;
using Orleans.Runtime;

namespace CloudFilm.Grains.Studies;

public sealed class StudyGrain(
    [PersistentState("study", GrainStorage.Name)] IPersistentState<StudyState> state,
    IProjectionWriter projections,
    TimeProvider clock) : Grain, IStudyGrain
{
    public async Task<RegistrationResult> RegisterAsync(StudyRegistration registration)
    {
        var current = state.State.Study;
        var outcome = StudyRegistrationPolicy.Decide(current, registration);
        switch (outcome)
        {
            case RegistrationOutcome.Unchanged:
            case RegistrationOutcome.ConflictingPatient:
                return new RegistrationResult(outcome, current!);
        }

        var now = clock.GetUtcNow();
        var study = current is null
            ? new StudySnapshot(StudyKeyOfThisGrain(), registration.Patient, registration.Order, StudyStatus.Registered, now, now, 1)
            : current with { Patient = registration.Patient, Order = registration.Order, UpdatedAt = now, Revision = current.Revision + 1 };

        state.State.Study = study;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IPatientGrain>(PatientKeys.GrainKey(study.Patient.PatientKey))
            .RecordStudyAsync(study.Patient, study.StudyKey);
        await projections.WriteStudyAsync(study);
        return new RegistrationResult(outcome, study);
    }

    public Task<StudySnapshot?> GetAsync() => Task.FromResult(state.State.Study);

    private string StudyKeyOfThisGrain() => this.GetPrimaryKeyString()["study/".Length..];
}
