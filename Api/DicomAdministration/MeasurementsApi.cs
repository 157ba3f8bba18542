using CloudFilm.Api.Security;
using CloudFilm.Archive.Measurements;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.DicomAdministration;

/// <summary>
/// <c>/api/v1/studies/{key}/measurements</c>: the measurements the AI host (or a modality) sent as Structured Reports
/// for an order, each with the report field it fills when the mapping knows it. <c>fields</c> holds the latest value
/// of each mapped field, ready for the report.
/// </summary>
public static class MeasurementsApi
{
    public static RouteGroupBuilder MapMeasurementsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/studies/{key}/measurements", GetAsync).WithTags("DICOM").RequireStaff()
            .WithName("GetStudyMeasurements").WithSummary("Measurements parsed from the order's Structured Reports, and the report fields they fill.");
        return api;
    }

    public sealed record MeasurementsResponse(string StudyKey, IReadOnlyList<StudyMeasurement> Measurements, IReadOnlyDictionary<string, FieldValue> Fields);

    public sealed record FieldValue(decimal Value, string Units, string SopInstanceUid);

    private static async Task<Ok<MeasurementsResponse>> GetAsync(string key, MeasurementStore store, CancellationToken cancellationToken)
    {
        var measurements = await store.ListForStudyKeyAsync(key, cancellationToken);
        var fields = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        foreach (var m in measurements.Where(m => m.Measurement.ReportField is not null))
        {
            // Later SRs come later in the list: the newest value of a field wins.
            fields[m.Measurement.ReportField!] = new FieldValue(m.Measurement.Value, m.Measurement.UnitsCode, m.SopInstanceUid);
        }
        return TypedResults.Ok(new MeasurementsResponse(key, measurements, fields));
    }
}
