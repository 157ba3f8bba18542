using CloudFilm.Api.Dispatch.Queries;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;
using CloudFilm.Grains.Abstractions.Dispatch;

namespace CloudFilm.Api.Dispatch;

/// <summary>
/// The reading worklist (tasks by reader, by station, all assignments and completions) and dispatch statistics,
/// read through <see cref="IWorklistQueries"/>.
/// </summary>
public static class WorklistApi
{
    private static readonly string[] Roles = ["reader", "dispatcher", "supervisor", "admin"];
    private static readonly string[] Statuses = ["pending", "assigned", "started", "completed"];

    public static RouteGroupBuilder MapWorklistApi(this RouteGroupBuilder api)
    {
        api.MapGet("/dispatch/worklist", ListAsync).WithTags("Dispatch").RequireStaff(Roles).WithName("GetWorklist")
            .WithSummary("Reading tasks, newest first, filtered by reader (\"me\" for yourself), station, pool and status.");
        api.MapGet("/dispatch/pools/{poolId}/statistics", StatisticsAsync).WithTags("Dispatch").RequireStaff("dispatcher", "supervisor", "admin")
            .WithName("GetDispatchStatistics").WithSummary("Workload per reader and campus, turnaround per priority class, over a period (default: the last 24 hours).");
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IWorklistQueries queries, CancellationToken cancellationToken,
        string? reader = null, string? station = null, string? pool = null, string? status = null, int limit = 100, int offset = 0)
    {
        var errors = new RequestErrors();
        errors.RequirePage(limit, offset);
        errors.Require("status", status is null || Statuses.Contains(status), "One of: " + string.Join(", ", Statuses) + ".");
        errors.ThrowIfAny();
        if (reader == "me")
        {
            reader = http.Actor();
        }
        var filter = new WorklistFilter(reader, station, pool, status is null ? null : Enum.Parse<ReadingTaskStatus>(status, ignoreCase: true), limit, offset);
        return TypedResults.Ok(await queries.ListAsync(filter, cancellationToken));
    }

    private static async Task<IResult> StatisticsAsync(string poolId, IWorklistQueries queries, TimeProvider clock, CancellationToken cancellationToken,
        DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var until = to ?? clock.GetUtcNow();
        var since = from ?? until.AddDays(-1);
        if (since >= until)
        {
            throw RequestValidationException.For("from", "Must be before to.");
        }
        return TypedResults.Ok(await queries.StatisticsAsync(poolId, since, until, cancellationToken));
    }
}
