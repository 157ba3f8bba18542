using CloudFilm.Archive.Index;
using CloudFilm.DicomNode.Ingest;
using CloudFilm.Grains.Abstractions.Archive;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudFilm.DicomNode.Notifications;

/// <summary>
/// Tells each study's grain what the archive holds, from the index: every study whose revision is ahead of what
/// was last told gets one call with its totals, then its notified revision and match status are written back.
/// Driven by the index rather than by the C-STORE path, so the acknowledgement never waits for the cluster and a
/// notification lost to a crash or an unavailable silo is simply sent again (the grain ignores older revisions).
/// Studies without an accession number cannot be matched and are marked unmatched at once.
/// </summary>
public sealed class StudyArrivalNotifier(
    NpgsqlDataSource dataSource,
    IStudyArrivalTarget target,
    IngestSignals signals,
    ILogger<StudyArrivalNotifier> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await NotifyDueAsync(stoppingToken) == 0)
                {
                    await signals.WaitForNotificationWorkAsync(TimeSpan.FromSeconds(2), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or OrleansException or TimeoutException)
            {
                logger.LogWarning("Study notifications paused: {Error}", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    /// <summary>Sends what is due; returns how many studies were told (0 also when every due one failed: the loop then waits).</summary>
    public async Task<int> NotifyDueAsync(CancellationToken cancellationToken)
    {
        var due = new List<(string Accession, ImageArrival Arrival)>();
        await using (var command = dataSource.CreateCommand("""
            SELECT study_instance_uid, coalesce(linked_study_key, accession_number), patient_id, issuer_of_patient_id, series_count, instance_count,
                   first_arrival, last_arrival, revision, linked_study_key IS NOT NULL
            FROM dicom_studies WHERE notified_revision < revision ORDER BY last_arrival LIMIT 200
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add((reader.GetString(1), new ImageArrival(reader.GetString(0), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                    reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetInt64(8), reader.GetBoolean(9))));
            }
        }

        var told = 0;
        foreach (var (accession, arrival) in due)
        {
            ImageMatch match;
            try
            {
                match = accession.Length == 0 ? ImageMatch.NotRegistered : await target.RecordAsync(accession, arrival, cancellationToken);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or ArgumentException)
            {
                // One study that cannot be told now must not hold back the others; it stays due and is retried.
                logger.LogWarning("Telling study {StudyKey} about DICOM study {StudyInstanceUid} failed: {Error}", accession, arrival.StudyInstanceUid, e.Message);
                continue;
            }
            told++;
            await using var update = dataSource.CreateCommand("""
                UPDATE dicom_studies SET notified_revision = GREATEST(notified_revision, @revision), match_status = @match
                WHERE study_instance_uid = @study
                """);
            update.Parameters.AddWithValue("revision", arrival.Revision);
            update.Parameters.AddWithValue("match", MatchStatus(match).Stored());
            update.Parameters.AddWithValue("study", arrival.StudyInstanceUid);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        return told;
    }

    public static DicomStudyMatchStatus MatchStatus(ImageMatch match) => match switch
    {
        ImageMatch.Matched => DicomStudyMatchStatus.Matched,
        ImageMatch.PatientMismatch => DicomStudyMatchStatus.PatientMismatch,
        _ => DicomStudyMatchStatus.Unmatched,
    };
}
