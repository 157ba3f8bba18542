using CloudFilm.Archive.Reconciliation;
using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Abstractions.Queues;
using CloudFilm.Grains.Abstractions.Reports;
using CloudFilm.Grains.Abstractions.Sharing;
using Microsoft.AspNetCore.Http.HttpResults;
using static CloudFilm.Api.Problems.ProblemCatalogue;

namespace CloudFilm.Api.Problems;

/// <summary>
/// The kind of problem each refusal of the domain is: grains and the archive return outcomes or throw their domain
/// exceptions in their own terms, and the Api maps them here, to the <see cref="ProblemCatalogue"/>, and nowhere else.
/// </summary>
public static class DomainProblems
{
    /// <summary>A dispatch action's answer: 204 when it was done, else its refusal.</summary>
    public static Results<NoContent, ProblemHttpResult> Answer(DispatchActionOutcome outcome) =>
        outcome == DispatchActionOutcome.Done ? TypedResults.NoContent() : For(outcome).Answer();

    public static ProblemType For(DispatchActionOutcome outcome) => outcome switch
    {
        DispatchActionOutcome.UnknownTask => TaskNotFound,
        DispatchActionOutcome.UnknownStation => StationNotFound,
        DispatchActionOutcome.NotYourTask => NotYourTask,
        DispatchActionOutcome.StationUnavailable => StationUnavailable,
        DispatchActionOutcome.PoolNotConfigured => PoolNotConfigured,
        DispatchActionOutcome.InvalidState => TaskStateConflict,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not a refusal"),
    };

    public static ProblemType For(QueueRefusal refusal) => refusal switch
    {
        QueueRefusal.NotConfigured => QueueNotConfigured,
        QueueRefusal.UnknownRoom => QueueUnknownRoom,
        QueueRefusal.UnknownTicket => QueueUnknownTicket,
        QueueRefusal.InvalidDefinition => QueueInvalidDefinition,
        QueueRefusal.RoomPaused => QueueRoomPaused,
        QueueRefusal.NoCurrentPatient => QueueNoCurrentPatient,
        QueueRefusal.WrongTicketStatus => QueueWrongTicketStatus,
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "unknown queue refusal"),
    };

    public static ProblemType For(ShareAccessState state) => state switch
    {
        ShareAccessState.NeedsVerification => LinkVerificationRequired,
        ShareAccessState.Expired => LinkExpired,
        ShareAccessState.Revoked => LinkRevoked,
        ShareAccessState.Locked => LinkLocked,
        ShareAccessState.OutsideViewingHours => LinkOutsideViewingHours,
        ShareAccessState.Unknown => LinkNotFound,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a refusal"),
    };

    public static ProblemType For(DownloadCheck check) => check switch
    {
        DownloadCheck.WrongCode => DownloadWrongCode,
        DownloadCheck.Locked => DownloadLocked,
        DownloadCheck.Expired => DownloadExpired,
        DownloadCheck.Withdrawn => DownloadWithdrawn,
        DownloadCheck.Unknown => DownloadNotFound,
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "not a refusal"),
    };

    /// <summary>A refused report (answered with the intake's reason as the English detail, <see cref="ProblemType.Explained"/>).</summary>
    public static ProblemType For(ReportOutcome outcome) => outcome switch
    {
        ReportOutcome.ConflictingPatient => ReportOfAnotherPatient,
        ReportOutcome.InvalidTransition => ReportStatusNotAllowed,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not a refusal"),
    };

    /// <summary>A refused merge, its detail naming the studies (and the unreadable instance) involved.</summary>
    public static ProblemHttpResult For(StudyMergeResult result, string studyInstanceUid, string intoStudyInstanceUid) => result.Outcome switch
    {
        StudyMergeOutcome.SameStudy => MergeIntoItself.Answer(),
        StudyMergeOutcome.SourceNotFound => DicomStudyNotFound.Answer(studyInstanceUid),
        StudyMergeOutcome.TargetNotFound => DicomStudyNotFound.Answer(intoStudyInstanceUid).With("field", "intoStudyInstanceUid"),
        StudyMergeOutcome.SourceNotInReconciliation => NotInReconciliation.Answer(studyInstanceUid),
        StudyMergeOutcome.DifferentPatient => DifferentPatient.Answer(),
        StudyMergeOutcome.StoredCopyUnreadable => StoredCopyUnreadable.Answer(result.FailedSopInstanceUid),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "not a refusal"),
    };
}
