using CloudFilm.Api.DicomAdministration.Queries;
using CloudFilm.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.DicomAdministration;

/// <summary><c>/api/v1/dicom/ai-push</c>: the delivery log of exam pushes to AI hosts, read through <see cref="IAiPushDeliveryQueries"/>.</summary>
public static class AiPushApi
{
    public static RouteGroupBuilder MapAiPushApi(this RouteGroupBuilder api)
    {
        api.MapGet("/dicom/ai-push", ListAsync).WithTags("DICOM").RequireStaff("admin", "supervisor")
            .WithName("ListAiPushDeliveries").WithSummary("Exam pushes to AI hosts, newest first, optionally by status or study key.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<AiPushDelivery>>> ListAsync(IAiPushDeliveryQueries queries, string? status, string? studyKey, int? limit,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListAsync(status, studyKey, Math.Clamp(limit ?? 100, 1, 1000), cancellationToken));
}
