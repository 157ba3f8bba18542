using CloudFilm.Dicom;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Text;

namespace CloudFilm.Archive.Reconciliation;

/// <summary>
/// Who changed a moved instance's attributes, when and why: the fields of the Original Attributes Sequence item
/// (PS3.3 Table C.12-1) besides the replaced values.
/// </summary>
/// <param name="Reason">Reason for the Attribute Modification (0400,0565): COERCE or CORRECT (PS3.3 C.12.1.1.9.2).</param>
/// <param name="ModifyingSystem">Modifying System (0400,0563).</param>
/// <param name="SourceOfPreviousValues">Source of Previous Values (0400,0564): the AE title that sent the instance.</param>
public sealed record AttributeModification(string Reason, string ModifyingSystem, string SourceOfPreviousValues, DateTimeOffset At);

/// <summary>
/// Makes one instance's header agree with the study it is merged into: the target's Study Instance UID and study-level
/// attributes, each replaced value kept in a new Original Attributes Sequence item (PS3.3 C.12.1.1.9). Pure: no
/// files, no database.
/// </summary>
public static class StudyAttributeCoercion
{
    /// <summary>
    /// The study-level attributes (Patient and General Study modules, PS3.3 C.7.1.1 and C.7.2.1) a moved instance
    /// takes from the target, besides the Study Instance UID. Type 2 attributes stay present (empty) when the target
    /// has no value; type 3 ones are then removed.
    /// </summary>
    public static IReadOnlyList<(DicomTag Tag, bool Type2)> StudyAttributes { get; } =
    [
        (DicomTags.PatientName, true),
        (DicomTags.PatientID, true),
        (DicomTags.IssuerOfPatientID, false),
        (DicomTags.PatientBirthDate, true),
        (DicomTags.PatientSex, true),
        (DicomTags.AccessionNumber, true),
        (DicomTags.StudyDate, true),
        (DicomTags.StudyTime, true),
        (DicomTags.StudyID, true),
        (DicomTags.StudyDescription, false),
        (DicomTags.ReferringPhysicianName, true),
    ];

    /// <summary>
    /// A copy of <paramref name="original"/> with the target's study UID and attributes, written in the target's
    /// character set (<see cref="TargetStudyAttributes.CharacterSet"/>, else the original's); in UTF-8 when a
    /// character of the instance's own text (a series description, say) cannot be held by that set, since UTF-8
    /// holds both (PS3.3 C.12.1.1.2).
    /// </summary>
    public static DicomDataset Coerce(
        DicomDataset original, string targetStudyInstanceUid, TargetStudyAttributes target, AttributeModification modification)
    {
        try
        {
            return Coerce(original, target.CharacterSet ?? original.CharacterSet, targetStudyInstanceUid, target, modification);
        }
        catch (DicomException)
        {
            return Coerce(original, DicomCharacterSet.Utf8, targetStudyInstanceUid, target, modification);
        }
    }

    private static DicomDataset Coerce(
        DicomDataset original, DicomCharacterSet characterSet, string targetStudyInstanceUid, TargetStudyAttributes target, AttributeModification modification)
    {
        var dataset = original.Clone();
        if (dataset.CharacterSet.Value != characterSet.Value || original.CharacterSetOverride is not null)
        {
            dataset.ChangeCharacterSet(characterSet);
        }

        // PS3.3 C.12.1.1.9.2: the Modified Attributes Sequence holds one item with every attribute modified or
        // removed, at its previous value; an attribute that was absent is included empty.
        var previous = new DicomDataset();
        var changes = new List<(DicomTag Tag, string? Value, bool Type2)>
        {
            (DicomTags.StudyInstanceUID, targetStudyInstanceUid, true),
        };
        changes.AddRange(StudyAttributes.Select(a => (a.Tag, target.Values[a.Tag], a.Type2)));
        foreach (var (tag, value, type2) in changes)
        {
            var present = dataset.Find(tag);
            var current = present is null ? null : dataset.GetString(tag) ?? "";
            var wanted = value ?? (type2 ? "" : null);
            if (current == wanted)
            {
                continue;
            }
            if (present is null)
            {
                previous.SetEmpty(tag);
            }
            else
            {
                previous.AddOrUpdate(present);
            }
            if (wanted is null)
            {
                dataset.Remove(tag);
            }
            else if (wanted.Length == 0)
            {
                dataset.SetEmpty(tag);
            }
            else
            {
                dataset.Set(tag, wanted);
            }
        }
        if (previous.Count == 0)
        {
            return dataset;
        }

        // PS3.3 Table C.12-1, Original Attributes Sequence item: Source of Previous Values (type 2), Attribute
        // Modification DateTime, Modifying System, Reason for the Attribute Modification, Modified Attributes Sequence.
        var item = new DicomDataset();
        var existing = dataset.FindSequence(DicomTags.OriginalAttributesSequence);
        var sequence = existing ?? new DicomSequence(DicomTags.OriginalAttributesSequence);
        if (existing is null)
        {
            dataset.Add(sequence);
        }
        sequence.Items.Add(item);
        item.Add(new DicomSequence(DicomTags.ModifiedAttributesSequence, previous));
        item.Set(DicomTags.AttributeModificationDateTime,
            modification.At.UtcDateTime.ToString("yyyyMMddHHmmss.ffffff", System.Globalization.CultureInfo.InvariantCulture) + "+0000");
        item.Set(DicomTags.ModifyingSystem, modification.ModifyingSystem);
        item.Set(DicomTags.SourceOfPreviousValues, modification.SourceOfPreviousValues);
        item.Set(DicomTags.ReasonForTheAttributeModification, modification.Reason);
        return dataset;
    }
}
