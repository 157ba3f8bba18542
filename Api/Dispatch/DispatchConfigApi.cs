using CloudFilm.Api.Hosting;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;
using CloudFilm.Grains.Abstractions.Dispatch;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.Dispatch;

/// <summary>Dispatch configuration: a pool's rules, weights, shifts, roster and readers; its workstations; campus routing; copies.</summary>
public static class DispatchConfigApi
{
    private static readonly string[] ConfigRoles = ["supervisor", "admin"];

    public static RouteGroupBuilder MapDispatchConfigApi(this RouteGroupBuilder api)
    {
        var pools = api.MapGroup("/dispatch/pools/{poolId}").WithTags("Dispatch configuration").RequireStaff(ConfigRoles);
        pools.MapGet("/config", GetConfigAsync).WithName("GetDispatchConfig").WithSummary("A pool's configuration.");
        pools.MapPut("/config", PutConfigAsync).WithName("PutDispatchConfig")
            .WithSummary("Replace a pool's configuration. Refused (400, every problem by field) when, among others, no station on duty now would take an emergency.")
            .Accepts<PoolConfigRequest>("application/json").ProducesValidationProblem();
        pools.MapPut("/stations/{stationId}", PutStationAsync).WithName("PutWorkstation")
            .WithSummary("Create or change a workstation of the pool: its rule, maximum load (weights), share, enabled flag.")
            .Accepts<WorkstationRequest>("application/json").ProducesValidationProblem();
        pools.MapPost("/stations/{stationId}/copy", CopyStationAsync).WithName("CopyWorkstation")
            .WithSummary("Copy a workstation under a new id, with its roster lines (given to another reader if named).")
            .Accepts<CopyStationRequest>("application/json").ProducesValidationProblem();
        pools.MapPost("/roster/copy-week", CopyWeekAsync).WithName("CopyRosterWeek")
            .WithSummary("Copy a week's roster, readers included, onto another week (replacing it).")
            .Accepts<CopyWeekRequest>("application/json").ProducesValidationProblem();
        api.MapPut("/dispatch/campuses/{campus}", PutCampusAsync).WithTags("Dispatch configuration").RequireStaff("admin")
            .WithName("PutCampusPool").WithSummary("Which pool a campus's studies join; campuses naming the same pool share it; \"*\" is the default.")
            .Accepts<CampusPoolRequest>("application/json").ProducesValidationProblem();
        return api;
    }

    private static IDispatcherGrain Pool(this IClusterClient cluster, string poolId) => cluster.GetGrain<IDispatcherGrain>(DispatchKeys.PoolGrainKey(poolId));

    private static async Task<Results<Ok<PoolConfigRequest>, ProblemHttpResult>> GetConfigAsync(string poolId, IClusterClient cluster) =>
        await cluster.Pool(poolId).GetConfigAsync() is { } config
            ? TypedResults.Ok(PoolConfigRequest.From(config))
            : ProblemCatalogue.PoolNotConfigured.Answer();

    private static async Task<NoContent> PutConfigAsync(string poolId, HttpRequest request, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<PoolConfigRequest>(request, ApiJson.Options, cancellationToken);
        var errors = new RequestErrors();
        errors.Require("trigger", body.Trigger is not null, "Required: study-registered, exam-completed or images-arrived.");
        errors.Require("shifts", body.Shifts is { Count: > 0 }, "At least one shift is required.");
        errors.Require("roster", body.Roster is not null, "Required (may be empty only when the pool is not in use).");
        errors.ThrowIfAny();
        RequestErrors.ThrowIfAny(await cluster.Pool(poolId).ConfigureAsync(body.ToConfig(poolId), request.HttpContext.Actor()));
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> PutStationAsync(string poolId, string stationId, HttpRequest request, IClusterClient cluster,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<WorkstationRequest>(request, ApiJson.Options, cancellationToken);
        var station = cluster.GetGrain<IWorkstationGrain>(DispatchKeys.StationGrainKey(stationId));
        RequestErrors.ThrowIfAny(await station.ConfigureAsync(poolId, body.ToConfig(stationId), request.HttpContext.Actor()));
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created, ProblemHttpResult>> CopyStationAsync(string poolId, string stationId, HttpRequest request,
        IClusterClient cluster, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<CopyStationRequest>(request, ApiJson.Options, cancellationToken);
        var errors = new RequestErrors();
        errors.Require("newStationId", !string.IsNullOrWhiteSpace(body.NewStationId), "Required.");
        errors.Require("newName", !string.IsNullOrWhiteSpace(body.NewName), "Required.");
        errors.ThrowIfAny();
        if (await cluster.GetGrain<IWorkstationGrain>(DispatchKeys.StationGrainKey(stationId)).GetAsync() is not { } source || source.PoolId != poolId)
        {
            return ProblemCatalogue.StationNotFound.Answer();
        }
        RequestErrors.ThrowIfAny(await cluster.GetGrain<IWorkstationGrain>(DispatchKeys.StationGrainKey(stationId))
            .CopyToAsync(body.NewStationId!, body.NewName!, body.ReaderId, request.HttpContext.Actor()));
        return TypedResults.Created($"/api/v1/dispatch/pools/{poolId}/stations/{body.NewStationId}");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CopyWeekAsync(string poolId, HttpRequest request, IClusterClient cluster,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<CopyWeekRequest>(request, ApiJson.Options, cancellationToken);
        var errors = new RequestErrors();
        errors.Require("fromWeekStart", body.FromWeekStart is not null, "Required (yyyy-MM-dd).");
        errors.Require("toWeekStart", body.ToWeekStart is not null, "Required (yyyy-MM-dd).");
        if (body is { FromWeekStart: { } from, ToWeekStart: { } to } && from == to)
        {
            errors.Add("toWeekStart", "Must differ from fromWeekStart.");
        }
        errors.ThrowIfAny();
        if (await cluster.Pool(poolId).GetConfigAsync() is null)
        {
            return ProblemCatalogue.PoolNotConfigured.Answer();
        }
        RequestErrors.ThrowIfAny(await cluster.Pool(poolId).CopyRosterWeekAsync(body.FromWeekStart!.Value, body.ToWeekStart!.Value,
            request.HttpContext.Actor()));
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> PutCampusAsync(string campus, HttpRequest request, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<CampusPoolRequest>(request, ApiJson.Options, cancellationToken);
        if (string.IsNullOrWhiteSpace(body.PoolId))
        {
            throw RequestValidationException.For("poolId", "Required.");
        }
        await cluster.GetGrain<IDispatchDirectoryGrain>(DispatchKeys.DirectoryGrainKey).SetPoolAsync(campus, body.PoolId);
        return TypedResults.NoContent();
    }
}
