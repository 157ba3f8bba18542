using CloudFilm.Archive.Index;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudFilm.Archive.Reconciliation;

/// <summary>
/// Links a DICOM study waiting in reconciliation to the registered order it belongs to (staff's choice, kept in
/// <c>linked_study_key</c>). Its match status goes back to pending and its revision up, so DicomNode's notifier tells
/// that order's StudyGrain about the images. The other way out of reconciliation is <see cref="StudyMerge"/>.
/// </summary>
public sealed class StudyLink(NpgsqlDataSource dataSource, ILogger<StudyLink> logger)
{
    /// <returns>False when no images of the study are archived.</returns>
    public async Task<bool> LinkAsync(string studyInstanceUid, string studyKey, string actor, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE dicom_studies SET linked_study_key = @key, linked_by = @actor, match_status = @pending, revision = revision + 1
            WHERE study_instance_uid = @uid
            """);
        command.Parameters.AddWithValue("key", studyKey);
        command.Parameters.AddWithValue("actor", actor);
        command.Parameters.AddWithValue("pending", DicomStudyMatchStatus.Pending.Stored());
        command.Parameters.AddWithValue("uid", studyInstanceUid);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }
        logger.LogInformation("DICOM study {StudyInstanceUid} linked to study {StudyKey} by {Actor}", studyInstanceUid, studyKey, actor);
        return true;
    }
}
