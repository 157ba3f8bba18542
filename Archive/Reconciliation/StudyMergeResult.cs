namespace CloudFilm.Archive.Reconciliation;

public enum StudyMergeOutcome
{
    Merged,
    SameStudy,
    SourceNotFound,
    TargetNotFound,

    /// <summary>The source is not waiting in reconciliation (matched or linked): its images belong to its order.</summary>
    SourceNotInReconciliation,

    /// <summary>The target belongs to another patient (patient id + issuer) and the request did not say to correct it.</summary>
    DifferentPatient,

    /// <summary>A stored copy of the source is missing or unreadable (<see cref="StudyMergeResult.FailedSopInstanceUid"/>); nothing changed.</summary>
    StoredCopyUnreadable,
}

/// <param name="Reason">Reason for the Attribute Modification written into the files: COERCE or CORRECT.</param>
public sealed record StudyMergeResult(
    StudyMergeOutcome Outcome, int SeriesMoved = 0, int InstancesMoved = 0, string Reason = "", long MergeId = 0, string? FailedSopInstanceUid = null);
