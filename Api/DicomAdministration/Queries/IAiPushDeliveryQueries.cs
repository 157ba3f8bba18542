namespace CloudFilm.Api.DicomAdministration.Queries;

/// <summary>The delivery log of exam pushes to AI hosts (<c>ai_push_deliveries</c>, deploy/sql/0035), made and retried by DicomNode.</summary>
public interface IAiPushDeliveryQueries
{
    /// <summary>Deliveries newest first; a null status or study key matches every delivery.</summary>
    Task<IReadOnlyList<AiPushDelivery>> ListAsync(string? status, string? studyKey, int limit, CancellationToken cancellationToken);
}

public sealed record AiPushDelivery(string StudyKey, string Endpoint, string Trigger, string Status, int Attempts, int? LastStatusCode,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, DateTimeOffset NextAttempt);
