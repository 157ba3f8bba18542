using CloudFilm.Archive.Query;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;

namespace CloudFilm.Api.DicomWeb.Query;

/// <summary>The three QIDO-RS search levels (PS3.18 10.6).</summary>
public enum QidoLevel
{
    Study,
    Series,
    Instance,
}

/// <summary>
/// What a QIDO-RS result holds at each level: the attributes the index keeps (by keyword, as <see cref="IndexQueries"/>
/// answers them), and the ones returned without <c>includefield</c> (PS3.18 Tables 10.6.3-3, -4, -5: the required
/// return keys this archive can answer, plus the study description, issuer of patient id and body part).
/// </summary>
public static class QidoAttributes
{
    public static readonly DicomTag[] StudyKeys =
    [
        DicomTags.StudyDate, DicomTags.StudyTime, DicomTags.AccessionNumber, DicomTags.InstanceAvailability,
        DicomTags.ModalitiesInStudy, DicomTags.ReferringPhysicianName, DicomTags.StudyDescription, DicomTags.RetrieveURL,
        DicomTags.PatientName, DicomTags.PatientID, DicomTags.IssuerOfPatientID, DicomTags.PatientBirthDate, DicomTags.PatientSex,
        DicomTags.StudyInstanceUID, DicomTags.StudyID, DicomTags.NumberOfStudyRelatedSeries, DicomTags.NumberOfStudyRelatedInstances,
    ];

    public static readonly DicomTag[] SeriesKeys =
    [
        DicomTags.Modality, DicomTags.SeriesDescription, DicomTags.RetrieveURL, DicomTags.BodyPartExamined,
        DicomTags.StudyInstanceUID, DicomTags.SeriesInstanceUID, DicomTags.SeriesNumber, DicomTags.NumberOfSeriesRelatedInstances,
        DicomTags.PerformedProcedureStepStartDate, DicomTags.PerformedProcedureStepStartTime, DicomTags.RequestAttributesSequence,
    ];

    public static readonly DicomTag[] InstanceKeys =
    [
        DicomTags.SOPClassUID, DicomTags.SOPInstanceUID, DicomTags.InstanceAvailability, DicomTags.RetrieveURL,
        DicomTags.StudyInstanceUID, DicomTags.SeriesInstanceUID, DicomTags.InstanceNumber, DicomTags.NumberOfFrames,
        DicomTags.Rows, DicomTags.Columns,
    ];

    /// <summary>Attributes the index holds at each level (what <c>includefield=all</c> adds and what can be matched).</summary>
    private static readonly DicomTag[] StudyHeld = [.. StudyKeys];

    private static readonly DicomTag[] SeriesHeld = [.. SeriesKeys.Except([DicomTags.PerformedProcedureStepStartDate, DicomTags.PerformedProcedureStepStartTime, DicomTags.RequestAttributesSequence])];

    private static readonly DicomTag[] InstanceHeld = [.. InstanceKeys];

    /// <summary>
    /// The attributes a result of <paramref name="level"/> answers by default: its own level's, and the levels above
    /// it when the search is not already inside one (PS3.18 10.6.3.3: "all series" carries the study's attributes).
    /// </summary>
    public static IReadOnlyList<DicomTag> Defaults(QidoLevel level, bool insideStudy, bool insideSeries) => level switch
    {
        QidoLevel.Study => StudyKeys,
        QidoLevel.Series => [.. SeriesKeys, .. insideStudy ? [] : StudyKeys],
        _ => [.. InstanceKeys, .. insideSeries ? [] : SeriesKeys, .. insideStudy ? [] : StudyKeys],
    };

    /// <summary>Every attribute a result of <paramref name="level"/> can answer (<c>includefield=all</c>).</summary>
    public static IReadOnlyList<DicomTag> All(QidoLevel level) => level switch
    {
        QidoLevel.Study => StudyHeld,
        QidoLevel.Series => [.. SeriesKeys, .. StudyHeld],
        _ => [.. InstanceKeys, .. SeriesKeys, .. StudyHeld],
    };

    /// <summary>Whether the index holds <paramref name="tag"/> for a result of <paramref name="level"/>.</summary>
    public static bool Holds(QidoLevel level, DicomTag tag) => level switch
    {
        QidoLevel.Study => StudyHeld.Contains(tag),
        QidoLevel.Series => SeriesHeld.Contains(tag) || StudyHeld.Contains(tag),
        _ => InstanceHeld.Contains(tag) || SeriesHeld.Contains(tag) || StudyHeld.Contains(tag),
    };

    /// <summary>
    /// One result as a data set in UTF-8: the <paramref name="tags"/> in tag order, each with the index's value (empty
    /// when it has none), Instance Availability ONLINE and the Retrieve URL of the WADO-RS resource.
    /// </summary>
    public static DicomDataset ToDataset(QueryMatch match, IEnumerable<DicomTag> tags, string retrieveUrl)
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        foreach (var tag in tags.Distinct().Order())
        {
            var entry = DicomDictionary.Find(tag)!;
            var vr = entry.VR!;
            if (tag == DicomTags.RetrieveURL)
            {
                dataset.Set(tag, vr, retrieveUrl);
            }
            else if (tag == DicomTags.InstanceAvailability)
            {
                dataset.Set(tag, vr, "ONLINE");
            }
            else if (!match.TryGetValue(entry.Keyword, out var value) || value.Length == 0)
            {
                dataset.SetEmpty(tag, vr);
            }
            else if (vr == DicomVR.US)
            {
                dataset.Set(tag, vr, ushort.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                dataset.Set(tag, vr, value.Split('\\'));
            }
        }
        return dataset;
    }
}
