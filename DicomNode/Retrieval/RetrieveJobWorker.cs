using CloudFilm.Archive.Retrieval;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Identifiers;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;
using CloudFilm.DicomNode.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CloudFilm.DicomNode.Retrieval;

/// <summary>
/// Runs PACS pull jobs: C-FIND (study root, STUDY level) by accession number or patient id, then one C-MOVE per study
/// to this node's AE title; the instances arrive through the ordinary C-STORE ingest. Progress is written after
/// every study, with a pause between studies (rate limit). A job is held by a lease, so a job whose node died is
/// resumed by another at the next study.
/// </summary>
public sealed class RetrieveJobWorker(
    NpgsqlDataSource dataSource,
    IOptions<PacsOptions> pacs,
    IOptions<DicomNodeOptions> node,
    TimeProvider clock,
    ILogger<RetrieveJobWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await RunNextAsync(stoppingToken))
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException e)
            {
                logger.LogWarning("Retrieve jobs unavailable: {Error}", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
            }
        }
    }

    /// <summary>Takes one due job and runs it to its end; false when none was due.</summary>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        var job = await ClaimAsync(cancellationToken);
        if (job is null)
        {
            return false;
        }
        var (id, pacsName, matchKey, matchValue, studyUids, done) = job.Value;
        var target = pacs.Value.Find(pacsName);
        if (target is null)
        {
            await FinishAsync(id, RetrieveJobStatus.Failed, $"no PACS named '{pacsName}' is configured (Pacs:Systems)", cancellationToken);
            return true;
        }
        try
        {
            if (studyUids is null)
            {
                studyUids = await FindStudiesAsync(target, matchKey, matchValue, cancellationToken);
                await UpdateAsync(id, "study_uids = @uids", cancellationToken, ("uids", studyUids));
            }
            for (var i = done; i < studyUids.Length; i++)
            {
                var (completed, failed) = await MoveStudyAsync(target, studyUids[i], cancellationToken);
                await UpdateAsync(id, "studies_done = @done, instances_retrieved = instances_retrieved + @ok, instances_failed = instances_failed + @bad",
                    cancellationToken, ("done", i + 1), ("ok", completed), ("bad", failed));
                if (i + 1 < studyUids.Length)
                {
                    await Task.Delay(pacs.Value.PauseBetweenStudies, clock, cancellationToken);
                }
            }
            await FinishAsync(id, RetrieveJobStatus.Done, null, cancellationToken);
        }
        catch (Exception e) when (e is DicomNetworkException or AssociationRejectedException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            logger.LogWarning("Retrieve job {JobId} from {Pacs} failed: {Error}", id, target.AeTitle, e.Message);
            await FinishAsync(id, RetrieveJobStatus.Failed, e.Message, cancellationToken);
        }
        return true;
    }

    private async Task<string[]> FindStudiesAsync(PacsOptions.PacsEntry target, string matchKey, string matchValue, CancellationToken cancellationToken)
    {
        var identifier = new IdentifierBuilder()
            .Add(DicomTags.QueryRetrieveLevel, "STUDY")
            .Add(matchKey == "accession" ? DicomTags.AccessionNumber : DicomTags.PatientID, matchValue)
            .Add(DicomTags.StudyInstanceUID, "")
            .ToImplicitLittleEndian();
        await using var client = await DicomClient.ConnectAsync(Options(target, DicomUids.StudyRootQueryRetrieveInformationModelFind), cancellationToken);
        var uids = new List<string>();
        await foreach (var response in client.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, identifier, cancellationToken))
        {
            if (response.Status.IsPending && response.DataSet is { } data)
            {
                var answer = DicomDatasetReader.Read(data, DicomTransferSyntax.ImplicitVRLittleEndian);
                if (answer.GetString(DicomTags.StudyInstanceUID)?.Trim('\0', ' ') is { Length: > 0 } uid)
                {
                    uids.Add(uid);
                }
            }
            else if (!response.Status.IsSuccess && !response.Status.IsPending)
            {
                throw new DicomNetworkException($"C-FIND at {target.AeTitle} answered {response.Status}");
            }
        }
        await client.ReleaseAsync(cancellationToken);
        return [.. uids.Distinct()];
    }

    private async Task<(int Completed, int Failed)> MoveStudyAsync(PacsOptions.PacsEntry target, string studyUid, CancellationToken cancellationToken)
    {
        var identifier = new IdentifierBuilder().Add(DicomTags.QueryRetrieveLevel, "STUDY").Add(DicomTags.StudyInstanceUID, studyUid).ToImplicitLittleEndian();
        await using var client = await DicomClient.ConnectAsync(Options(target, DicomUids.StudyRootQueryRetrieveInformationModelMove), cancellationToken);
        int completed = 0, failed = 0;
        await foreach (var response in client.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, node.Value.AeTitle, identifier, cancellationToken))
        {
            if (!response.Status.IsPending)
            {
                completed = response.Command.CompletedSubOperations ?? 0;
                failed = response.Command.FailedSubOperations ?? 0;
                if (!response.Status.IsSuccessOrWarning)
                {
                    throw new DicomNetworkException($"C-MOVE of study {studyUid} from {target.AeTitle} answered {response.Status}");
                }
            }
        }
        await client.ReleaseAsync(cancellationToken);
        return (completed, failed);
    }

    private AssociationRequestOptions Options(PacsOptions.PacsEntry target, string model) => new()
    {
        Host = target.Host,
        Port = target.Port,
        CallingAeTitle = node.Value.AeTitle,
        CalledAeTitle = target.AeTitle,
        PresentationContexts = [new(model, [DicomTransferSyntax.ImplicitVRLittleEndian.Uid])],
    };

    private async Task<(long Id, string Pacs, string MatchKey, string MatchValue, string[]? StudyUids, int StudiesDone)?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE dicom_retrieve_jobs SET status = @running, lease_until = now() + @lease, updated_at = now()
            WHERE id = (SELECT id FROM dicom_retrieve_jobs
                        WHERE status = @queued OR (status = @running AND lease_until < now())
                        ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id, pacs, match_key, match_value, study_uids, studies_done
            """);
        command.Parameters.AddWithValue("lease", pacs.Value.Lease);
        command.Parameters.AddWithValue("queued", RetrieveJobStatus.Queued.Stored());
        command.Parameters.AddWithValue("running", RetrieveJobStatus.Running.Stored());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<string[]>(4), reader.GetInt32(5));
    }

    private async Task UpdateAsync(long id, string set, CancellationToken cancellationToken, params (string Name, object Value)[] values)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE dicom_retrieve_jobs SET {set}, lease_until = now() + @lease, updated_at = now() WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("lease", pacs.Value.Lease);
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task FinishAsync(long id, RetrieveJobStatus status, string? error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE dicom_retrieve_jobs SET status = @status, error = @error, lease_until = NULL, updated_at = now() WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("status", status.Stored());
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)error ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
