using CloudFilm.Grains.Abstractions.Archive;
using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Abstractions.Patients;
using CloudFilm.Grains.Abstractions.Reports;
using CloudFilm.Grains.Abstractions.Sharing;
using CloudFilm.Grains.Abstractions.Studies;
using CloudFilm.Grains.Archive;
using CloudFilm.Grains.Projections;
using CloudFilm.Grains.Queues;
using CloudFilm.Grains.Reports;
using CloudFilm.Grains.Sharing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace CloudFilm.Grains.Studies;

public sealed class StudyGrain(
    [PersistentState("study", GrainStorage.Name)] IPersistentState<StudyState> state,
    IProjectionWriter projections,
    IOptions<SharingOptions> sharing,
    TimeProvider clock,
    IQueueDirectory queues,
    ILogger<StudyGrain> logger) : Grain, IStudyGrain
{
    public async Task<RegistrationResult> RegisterAsync(StudyRegistration registration)
    {
        var current = state.State.Study;
        var outcome = StudyRegistrationPolicy.Decide(current, registration);
        switch (outcome)
        {
            case RegistrationOutcome.Unchanged:
                // A retried registration repeats the dispatch triggers not yet acknowledged, so a lost one is repaired.
                await DispatchRegisteredAsync(current!);
                return new RegistrationResult(outcome, current!);
            case RegistrationOutcome.ConflictingPatient:
                return new RegistrationResult(outcome, current!);
        }

        var now = clock.GetUtcNow();
        var study = current is null
            ? new StudySnapshot(StudyKeyOfThisGrain(), registration.Patient, registration.Order, StudyStatus.Registered, now, now, 1)
            : current with { Patient = registration.Patient, Order = registration.Order, UpdatedAt = now, Revision = current.Revision + 1, IsUnmatched = false };

        await SaveAsync(study);
        await DispatchRegisteredAsync(study);
        if (outcome == RegistrationOutcome.Created)
        {
            await StudyQueueJoin.TryJoinAsync(GrainFactory, queues, study, now, logger);
        }
        return new RegistrationResult(outcome, study);
    }

    public Task<StudySnapshot?> GetAsync() => Task.FromResult(state.State.Study);

    public async Task<ReportResult> SubmitReportAsync(ReportSubmission submission)
    {
        var current = state.State.Study;
        if (current is not null && current.Patient.PatientKey != submission.Patient.PatientKey)
        {
            return new ReportResult(ReportOutcome.ConflictingPatient, null, false,
                $"the study belongs to patient {current.Patient.PatientKey}, the report names {submission.Patient.PatientKey}");
        }

        var (outcome, reason) = ReportWorkflow.Decide(state.State.Reports, submission.Content);
        if (outcome == ReportOutcome.Duplicate && current is not null && submission.Content.Status == ReportStatus.Preliminary)
        {
            await DispatchAsync(current, StudyWorkflowEvent.ReportSubmittedForReview);
        }
        if (outcome != ReportOutcome.Accepted)
        {
            return new ReportResult(outcome, state.State.Reports.Count > 0 ? state.State.Reports[^1].Version : null, false, reason);
        }

        var now = clock.GetUtcNow();
        var wasPublished = ReportWorkflow.IsPublished(state.State.Reports);
        var version = new ReportVersion(state.State.Reports.Count + 1, submission.Content, submission.SourceSystem, now);
        state.State.Reports.Add(version);

        // A report for a study nobody registered is kept as an unmatched study, never dropped.
        var study = current is null
            ? new StudySnapshot(StudyKeyOfThisGrain(), submission.Patient,
                new ExamOrder(submission.AccessionNumber, "", "", "", submission.Content.ExamItem, "", StudyPriority.Routine, PatientType.Outpatient, false),
                StudyStatus.Registered, now, now, 1, IsUnmatched: true, ReportStatus: submission.Content.Status)
            : current with { UpdatedAt = now, Revision = current.Revision + 1, ReportStatus = submission.Content.Status };

        var becamePublishable = !wasPublished && ReportWorkflow.IsPublished(state.State.Reports);
        string? token = null;
        if (becamePublishable && sharing.Value.ShareOnFinalReport && state.State.PatientShareToken is null)
        {
            token = ShareTokens.NewSecret();
            state.State.PatientShareToken = token;
        }

        await SaveAsync(study);
        if (submission.Content.Status == ReportStatus.Preliminary && !study.IsUnmatched)
        {
            await DispatchAsync(study, StudyWorkflowEvent.ReportSubmittedForReview);
        }
        if (token is not null)
        {
            await GrainFactory.GetGrain<IShareSessionGrain>(ShareTokens.TokenId(token)).CreateAsync(new ShareSettings(
                ShareScope.Study, study.StudyKey, study.Patient.PatientKey, now.AddDays(sharing.Value.PatientShareDays),
                study.Patient.Phone is null ? VerificationMethod.None : VerificationMethod.Sms,
                AccessCodeHash: null, Deidentified: false, ViewFrom: null, ViewUntil: null, CreatedBy: "report:" + submission.SourceSystem,
                PhoneOnFile: study.Patient.Phone, IdCardDigitsHash: null));
        }
        return new ReportResult(ReportOutcome.Accepted, version.Version, becamePublishable, null, token);
    }

    public Task<IReadOnlyList<ReportVersion>> GetReportHistoryAsync() => Task.FromResult<IReadOnlyList<ReportVersion>>([.. state.State.Reports]);

    public Task<string?> GetPatientShareTokenAsync() => Task.FromResult(state.State.PatientShareToken);

    public async Task<ImageMatch> RecordImagesAsync(ImageArrival arrival)
    {
        if (ImageArrivalPolicy.IsNewer(state.State.Images, arrival))
        {
            state.State.Images[arrival.StudyInstanceUid] = arrival;
            await state.WriteStateAsync();
        }
        var match = ImageArrivalPolicy.Match(state.State.Study, arrival);
        if (match == ImageMatch.Matched)
        {
            await DispatchAsync(state.State.Study!, StudyWorkflowEvent.ImagesArrived);
        }
        return match;
    }

    public Task<IReadOnlyList<ImageArrival>> GetImagesAsync() =>
        Task.FromResult<IReadOnlyList<ImageArrival>>([.. state.State.Images.Values.OrderBy(i => i.FirstArrival)]);

    public Task<IReadOnlyList<ImageArrival>> GetMatchedImagesAsync() =>
        Task.FromResult<IReadOnlyList<ImageArrival>>([.. state.State.Images.Values
            .Where(i => ImageArrivalPolicy.Match(state.State.Study, i) == ImageMatch.Matched)
            .OrderBy(i => i.FirstArrival)]);

    private async Task SaveAsync(StudySnapshot study)
    {
        state.State.Study = study;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IPatientGrain>(PatientKeys.GrainKey(study.Patient.PatientKey)).RecordStudyAsync(study.Patient, study.StudyKey);
        await projections.WriteStudyAsync(study);
    }

    /// <summary>Registration triggers dispatch, and so do images that arrived before their order was registered.</summary>
    private async Task DispatchRegisteredAsync(StudySnapshot study)
    {
        await DispatchAsync(study, StudyWorkflowEvent.StudyRegistered);
        if (state.State.Images.Values.Any(i => ImageArrivalPolicy.Match(study, i) == ImageMatch.Matched))
        {
            await DispatchAsync(study, StudyWorkflowEvent.ImagesArrived);
        }
    }

    /// <summary>
    /// Tells the study's dispatch pool (by campus) of a workflow event, once: the event is remembered after the pool
    /// acknowledged it, so a retried call repeats it until then and never after. Nothing where dispatch is not set up.
    /// </summary>
    private async Task DispatchAsync(StudySnapshot study, StudyWorkflowEvent workflowEvent)
    {
        if (state.State.DispatchedEvents.Contains(workflowEvent))
        {
            return;
        }
        var order = study.Order;
        var pool = await GrainFactory.GetGrain<IDispatchDirectoryGrain>(DispatchKeys.DirectoryGrainKey).PoolOfAsync(order.Campus);
        if (pool is null)
        {
            return;
        }
        var subject = new TaskSubject(study.StudyKey, order.Campus, order.Modality, order.ExamItem, order.PatientType, order.Priority,
            order.IsVip, Subspecialty: order.BodyPart);
        await GrainFactory.GetGrain<IDispatcherGrain>(DispatchKeys.PoolGrainKey(pool)).SubmitAsync(subject, workflowEvent);
        state.State.DispatchedEvents.Add(workflowEvent);
        await state.WriteStateAsync();
    }

    private string StudyKeyOfThisGrain() => this.GetPrimaryKeyString()["study/".Length..];
}
