using CloudFilm.Dicom.Data;

namespace CloudFilm.Dicom.Dictionary;

/// <summary>
/// One row of the data dictionary (PS3.6 Table 6-1, PS3.7 Table E.1-1). For repeating groups such as (60xx,3000)
/// <see cref="Tag"/> is the first tag of the range and <see cref="Mask"/> clears the nibbles that vary.
/// </summary>
public sealed record DicomDictionaryEntry(
    DicomTag Tag,
    uint Mask,
    IReadOnlyList<DicomVR> ValueRepresentations,
    string ValueMultiplicity,
    string Keyword,
    bool IsRetired)
{
    /// <summary>The first (usual) VR; implicit VR readers refine "US or SS" and "OB or OW" from context (PS3.5 §A.1).</summary>
    public DicomVR? VR => ValueRepresentations.Count > 0 ? ValueRepresentations[0] : null;

    /// <summary>A readable name derived from the keyword (the dictionary source carries only keywords).</summary>
    public string Name => DicomKeywordNames.ToName(Keyword);

    public bool Matches(DicomTag tag) => (tag.Value & Mask) == Tag.Value;
}
