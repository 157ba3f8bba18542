using System.Globalization;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;

namespace CloudFilm.Archive.Measurements;

/// <summary>
/// Walks an SR content tree (PS3.3 C.17.3) and returns every NUM content item with a measured value: its concept name,
/// value and units (UCUM code and meaning), the finding site given by a sibling or child CODE item "Finding Site"
/// (SNOMED 363698007 / SRT G-C0E3), and the names of the CONTAINERs above it as context. The US echo templates
/// (TID 5200) and vendor variants all have this shape.
/// </summary>
public static class SrMeasurementParser
{
    /// <summary>SR Storage SOP classes all start with this (Basic, Enhanced, Comprehensive, Comprehensive 3D, ...).</summary>
    public const string SrSopClassPrefix = "1.2.840.10008.5.1.4.1.1.88.";

    private static readonly HashSet<string> FindingSiteCodes = ["363698007", "G-C0E3"];

    public static IReadOnlyList<Measurement> Parse(DicomDataset document, MeasurementMapping mapping)
    {
        var found = new List<Measurement>();
        Walk(document, [ConceptMeaning(document)], "", found, mapping);
        return found;
    }

    private static void Walk(DicomDataset node, List<string> containers, string inheritedSite, List<Measurement> found, MeasurementMapping mapping)
    {
        if (node.FindSequence(DicomTags.ContentSequence) is not { } content)
        {
            return;
        }
        var siteHere = content.Items.Select(FindingSite).FirstOrDefault(s => s.Length > 0) ?? inheritedSite;
        foreach (var item in content.Items)
        {
            switch (Text(item, DicomTags.ValueType))
            {
                case "CONTAINER":
                    containers.Add(ConceptMeaning(item));
                    Walk(item, containers, siteHere, found, mapping);
                    containers.RemoveAt(containers.Count - 1);
                    break;
                case "NUM":
                    if (Numeric(item, containers, siteHere, found.Count + 1, mapping) is { } measurement)
                    {
                        found.Add(measurement);
                    }
                    break;
                default:
                    Walk(item, containers, siteHere, found, mapping);
                    break;
            }
        }
    }

    private static Measurement? Numeric(DicomDataset item, List<string> containers, string site, int ordinal, MeasurementMapping mapping)
    {
        var concept = FirstItem(item, DicomTags.ConceptNameCodeSequence);
        var measured = FirstItem(item, DicomTags.MeasuredValueSequence);
        if (concept is null || measured is null
            || !decimal.TryParse(Text(measured, DicomTags.NumericValue), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null; // a NUM without a value (e.g. a Numeric Value Qualifier only) measures nothing
        }
        var units = FirstItem(measured, DicomTags.MeasurementUnitsCodeSequence);
        var ownSite = item.FindSequence(DicomTags.ContentSequence)?.Items.Select(FindingSite).FirstOrDefault(s => s.Length > 0);
        var code = Text(concept, DicomTags.CodeValue);
        var scheme = Text(concept, DicomTags.CodingSchemeDesignator);
        var meaning = Text(concept, DicomTags.CodeMeaning);
        return new Measurement(ordinal, code, scheme, meaning, value, units is null ? "" : Text(units, DicomTags.CodeValue),
            units is null ? "" : Text(units, DicomTags.CodeMeaning), ownSite is { Length: > 0 } ? ownSite : site,
            string.Join(" > ", containers.Where(c => c.Length > 0)), mapping.FieldFor(code, scheme, meaning));
    }

    private static string FindingSite(DicomDataset item)
    {
        if (Text(item, DicomTags.ValueType) != "CODE" || FirstItem(item, DicomTags.ConceptNameCodeSequence) is not { } name
            || !FindingSiteCodes.Contains(Text(name, DicomTags.CodeValue)))
        {
            return "";
        }
        return FirstItem(item, DicomTags.ConceptCodeSequence) is { } site ? Text(site, DicomTags.CodeMeaning) : "";
    }

    private static string ConceptMeaning(DicomDataset item) =>
        FirstItem(item, DicomTags.ConceptNameCodeSequence) is { } name ? Text(name, DicomTags.CodeMeaning) : "";

    private static DicomDataset? FirstItem(DicomDataset item, DicomTag sequence) =>
        item.FindSequence(sequence) is { Items.Count: > 0 } s ? s.Items[0] : null;

    private static string Text(DicomDataset item, DicomTag tag)
    {
        try
        {
            return (item.GetString(tag) ?? "").Trim('\0', ' ');
        }
        catch (DicomException)
        {
            return "";
        }
    }
}
