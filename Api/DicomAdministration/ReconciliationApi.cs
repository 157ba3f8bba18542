using CloudFilm.Api.Hosting;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;
using CloudFilm.Archive.Reconciliation;
using CloudFilm.Grains.Abstractions.Studies;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CloudFilm.Api.DicomAdministration;

/// <summary>
/// <c>/api/v1/reconciliation</c>: DICOM studies whose accession number matched no registered order, or matched an
/// order of another patient (by patient id + issuer). Staff link each to the order it belongs to (the front node
/// then tells that order's StudyGrain), or merge it into the DICOM study its images belong to (<see cref="StudyMerge"/>).
/// </summary>
public static class ReconciliationApi
{
    public static RouteGroupBuilder MapReconciliationApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reconciliation").WithTags("DICOM").RequireStaff("supervisor", "admin");
        group.MapGet("/", ListAsync).WithName("ListUnmatchedStudies").WithSummary("DICOM studies waiting to be matched to an order, newest first.");
        group.MapPost("/{studyInstanceUid}/match", MatchAsync).WithName("MatchStudy")
            .WithSummary("Link a DICOM study to a registered order (study key).")
            .Accepts<MatchRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{studyInstanceUid}/merge", MergeAsync).WithName("MergeStudy")
            .WithSummary("Move every series and instance of a DICOM study waiting in reconciliation into another DICOM study.")
            .Accepts<MergeRequest>("application/json").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public sealed record MatchRequest(string? StudyKey);

    /// <param name="CorrectPatient">The target belongs to another patient and the source's identity is to be corrected to it.</param>
    public sealed record MergeRequest(string? IntoStudyInstanceUid, bool? CorrectPatient);

    public sealed record MergeResponse(string StudyInstanceUid, string IntoStudyInstanceUid, int SeriesMoved, int InstancesMoved, string Reason, long MergeId);

    public sealed record UnmatchedStudy(
        string StudyInstanceUid, string MatchStatus, string AccessionNumber, string PatientId, string IssuerOfPatientId, string PatientName,
        DateOnly? StudyDate, string StudyDescription, string[] Modalities, int SeriesCount, int InstanceCount, DateTimeOffset LastArrival);

    private static async Task<Ok<IReadOnlyList<UnmatchedStudy>>> ListAsync(NpgsqlDataSource dataSource, int? limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT study_instance_uid, match_status, accession_number, patient_id, issuer_of_patient_id, patient_name, study_date,
                   study_description, modalities, series_count, instance_count, last_arrival
            FROM dicom_studies WHERE match_status IN ('unmatched', 'patient-mismatch') AND linked_study_key IS NULL
            ORDER BY last_arrival DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("limit", Math.Clamp(limit ?? 100, 1, 1000));
        var list = new List<UnmatchedStudy>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new UnmatchedStudy(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6), reader.GetString(7),
                reader.GetFieldValue<string[]>(8), reader.GetInt32(9), reader.GetInt32(10), reader.GetFieldValue<DateTimeOffset>(11)));
        }
        return TypedResults.Ok<IReadOnlyList<UnmatchedStudy>>(list);
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> MatchAsync(
        string studyInstanceUid, HttpRequest request, NpgsqlDataSource dataSource, IClusterClient cluster, ILogger<MatchRequest> logger,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<MatchRequest>(request, ApiJson.Options, cancellationToken);
        var studyKey = body?.StudyKey?.Trim();
        if (string.IsNullOrEmpty(studyKey))
        {
            throw RequestValidationException.For("studyKey", "The key (accession number) of the registered study these images belong to.");
        }
        if (await cluster.GetGrain<IStudyGrain>(StudyKeys.GrainKey(studyKey)).GetAsync() is null)
        {
            return ProblemCatalogue.StudyNotFound.Answer(studyKey);
        }
        await using var command = dataSource.CreateCommand("""
            UPDATE dicom_studies SET linked_study_key = @key, linked_by = @actor, match_status = 'pending', revision = revision + 1
            WHERE study_instance_uid = @uid
            """);
        command.Parameters.AddWithValue("key", studyKey);
        command.Parameters.AddWithValue("actor", request.HttpContext.Actor());
        command.Parameters.AddWithValue("uid", studyInstanceUid);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return ProblemCatalogue.DicomStudyNotFound.Answer(studyInstanceUid);
        }
        logger.LogInformation("DICOM study {StudyInstanceUid} linked to study {StudyKey} by {Actor}", studyInstanceUid, studyKey, request.HttpContext.Actor());
        return TypedResults.Accepted($"/api/v1/studies/{Uri.EscapeDataString(studyKey)}/images");
    }

    private static async Task<Results<Ok<MergeResponse>, ProblemHttpResult>> MergeAsync(
        string studyInstanceUid, HttpRequest request, StudyMerge merge, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<MergeRequest>(request, ApiJson.Options, cancellationToken);
        var into = body?.IntoStudyInstanceUid?.Trim();
        if (string.IsNullOrEmpty(into))
        {
            throw RequestValidationException.For("intoStudyInstanceUid", "The Study Instance UID of the DICOM study these images belong to.");
        }
        var result = await merge.MergeAsync(
            new StudyMergeRequest(studyInstanceUid, into, body!.CorrectPatient ?? false, request.HttpContext.Actor()), cancellationToken);
        return result.Outcome switch
        {
            StudyMergeOutcome.Merged => TypedResults.Ok(new MergeResponse(studyInstanceUid, into, result.SeriesMoved, result.InstancesMoved, result.Reason, result.MergeId)),
            _ => DomainProblems.For(result, studyInstanceUid, into),
        };
    }
}
