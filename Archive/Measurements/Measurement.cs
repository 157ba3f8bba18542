namespace CloudFilm.Archive.Measurements;

/// <summary>A numeric measurement from a Structured Report (PS3.3 C.17.3, value type NUM).</summary>
public sealed record Measurement(
    int Ordinal,
    string ConceptCode,
    string ConceptScheme,
    string ConceptMeaning,
    decimal Value,
    string UnitsCode,
    string UnitsMeaning,
    string FindingSite,
    string Context,
    string? ReportField);
