using CloudFilm.Api.Hosting;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;
using CloudFilm.Grains.Abstractions.Dispatch;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.Dispatch;

/// <summary>
/// Reading tasks: the board's live view of a pool, the reader's actions on their own tasks (start, complete, hand back),
/// the supervisor's (reassign, pin, disable or enable a station), and study events from external systems.
/// </summary>
public static class DispatchTasksApi
{
    private static readonly string[] BoardRoles = ["reader", "dispatcher", "supervisor", "admin"];
    private static readonly string[] SupervisorRoles = ["dispatcher", "supervisor", "admin"];

    public static RouteGroupBuilder MapDispatchTasksApi(this RouteGroupBuilder api)
    {
        var pool = api.MapGroup("/dispatch/pools/{poolId}").WithTags("Dispatch");
        pool.MapGet("/", GetViewAsync).RequireStaff(BoardRoles).WithName("GetDispatchBoard")
            .WithSummary("The pool as the board shows it: stations with load against maximum, open tasks, escalated emergencies.");
        var task = pool.MapGroup("/tasks/{taskId}");
        task.MapPost("/start", StartAsync).RequireStaff("reader").WithName("StartTask").WithSummary("The signed-in reader starts their task.");
        task.MapPost("/complete", CompleteAsync).RequireStaff("reader").WithName("CompleteTask").WithSummary("The signed-in reader completes their task.");
        task.MapPost("/hand-back", HandBackAsync).RequireStaff("reader").WithName("HandBackTask")
            .WithSummary("The signed-in reader gives a task back with a reason; it goes to another station.")
            .Accepts<HandBackRequest>("application/json").ProducesValidationProblem();
        task.MapPost("/reassign", ReassignAsync).RequireStaff(SupervisorRoles).WithName("ReassignTask")
            .WithSummary("Move a task to a station on duty; it stays pinned there.").Accepts<ReassignRequest>("application/json").ProducesValidationProblem();
        task.MapPost("/pin", PinAsync).RequireStaff(SupervisorRoles).WithName("PinTask")
            .WithSummary("Pin or unpin a task to its station (pinned tasks are never pushed out).").Accepts<PinRequest>("application/json").ProducesValidationProblem();
        pool.MapPost("/stations/{stationId}/disable", (string poolId, string stationId, HttpContext http, IClusterClient cluster) =>
                SetEnabledAsync(poolId, stationId, false, http, cluster))
            .RequireStaff(SupervisorRoles).WithName("DisableWorkstation").WithSummary("Disable a station (leave, shift change): its open tasks are reassigned at once.");
        pool.MapPost("/stations/{stationId}/enable", (string poolId, string stationId, HttpContext http, IClusterClient cluster) =>
                SetEnabledAsync(poolId, stationId, true, http, cluster))
            .RequireStaff(SupervisorRoles).WithName("EnableWorkstation").WithSummary("Enable a station again.");
        pool.MapPost("/events", StudyEventAsync).RequireSystemKey().WithName("PostStudyEvent")
            .WithSummary("A study's workflow event from RIS or PACS (exam completed, images arrived, report submitted for review); makes the task the pool's trigger calls for. Idempotent.")
            .Accepts<StudyEventRequest>("application/json").ProducesValidationProblem();
        return api;
    }

    private static IDispatcherGrain Pool(IClusterClient cluster, string poolId) => cluster.GetGrain<IDispatcherGrain>(DispatchKeys.PoolGrainKey(poolId));

    private static async Task<Results<Ok<PoolView>, ProblemHttpResult>> GetViewAsync(string poolId, IClusterClient cluster)
    {
        var pool = Pool(cluster, poolId);
        return await pool.GetConfigAsync() is null
            ? ProblemCatalogue.PoolNotConfigured.Answer()
            : TypedResults.Ok(await pool.GetViewAsync());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> StartAsync(string poolId, string taskId, HttpContext http, IClusterClient cluster) =>
        DomainProblems.Answer(await Pool(cluster, poolId).StartAsync(taskId, http.Actor()));

    private static async Task<Results<NoContent, ProblemHttpResult>> CompleteAsync(string poolId, string taskId, HttpContext http, IClusterClient cluster) =>
        DomainProblems.Answer(await Pool(cluster, poolId).CompleteAsync(taskId, http.Actor()));

    private static async Task<Results<NoContent, ProblemHttpResult>> HandBackAsync(string poolId, string taskId, HttpRequest request,
        IClusterClient cluster, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<HandBackRequest>(request, ApiJson.Options, cancellationToken);
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 200)
        {
            throw RequestValidationException.For("reason", "Required, at most 200 characters.");
        }
        return DomainProblems.Answer(await Pool(cluster, poolId).HandBackAsync(taskId, request.HttpContext.Actor(), body.Reason.Trim()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReassignAsync(string poolId, string taskId, HttpRequest request,
        IClusterClient cluster, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ReassignRequest>(request, ApiJson.Options, cancellationToken);
        if (string.IsNullOrWhiteSpace(body.StationId))
        {
            throw RequestValidationException.For("stationId", "Required.");
        }
        return DomainProblems.Answer(await Pool(cluster, poolId).ReassignAsync(taskId, body.StationId, request.HttpContext.Actor()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PinAsync(string poolId, string taskId, HttpRequest request,
        IClusterClient cluster, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<PinRequest>(request, ApiJson.Options, cancellationToken);
        if (body.Pinned is not { } pinned)
        {
            throw RequestValidationException.For("pinned", "Required: true or false.");
        }
        return DomainProblems.Answer(await Pool(cluster, poolId).PinAsync(taskId, pinned, request.HttpContext.Actor()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetEnabledAsync(string poolId, string stationId, bool enabled, HttpContext http,
        IClusterClient cluster)
    {
        var station = cluster.GetGrain<IWorkstationGrain>(DispatchKeys.StationGrainKey(stationId));
        if (await station.GetAsync() is not { } current || current.PoolId != poolId)
        {
            return DomainProblems.Answer(DispatchActionOutcome.UnknownStation);
        }
        await station.SetEnabledAsync(enabled, http.Actor());
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ReadingTask>, Accepted, ProblemHttpResult>> StudyEventAsync(string poolId, HttpRequest request,
        IClusterClient cluster, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<StudyEventRequest>(request, ApiJson.Options, cancellationToken);
        var errors = new RequestErrors();
        errors.Require("studyKey", !string.IsNullOrWhiteSpace(body.StudyKey), "Required.");
        errors.Require("campus", !string.IsNullOrWhiteSpace(body.Campus), "Required.");
        errors.Require("modality", !string.IsNullOrWhiteSpace(body.Modality), "Required.");
        errors.Require("examItem", !string.IsNullOrWhiteSpace(body.ExamItem), "Required.");
        errors.Require("event", body.Event is not null, "Required.");
        errors.ThrowIfAny();
        var pool = Pool(cluster, poolId);
        if (await pool.GetConfigAsync() is null)
        {
            return ProblemCatalogue.PoolNotConfigured.Answer();
        }
        var subject = new TaskSubject(body.StudyKey!, body.Campus!, body.Modality!, body.ExamItem!, body.PatientType ?? Grains.Abstractions.Studies.PatientType.Outpatient,
            body.Priority ?? Grains.Abstractions.Studies.StudyPriority.Routine, body.IsVip ?? false, body.Subspecialty ?? "");
        var task = await pool.SubmitAsync(subject, body.Event!.Value);
        // 202 when the pool's trigger makes no task of this event (or the task was completed already).
        return task is null ? TypedResults.Accepted((string?)null) : TypedResults.Ok(task);
    }
}
