using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using static CloudFilm.Dicom.Deidentification.DeidentificationAction;

namespace CloudFilm.Dicom.Deidentification;

/// <summary>
/// De-identifies data sets in place after the Basic Application Confidentiality Profile of PS3.15 Annex E
/// (Table E.1-1) with the options in <see cref="DeidentificationOptions"/>: identifying attributes are replaced
/// (D), emptied (Z) or removed (X), instance UIDs are replaced consistently (U), private elements are removed,
/// every sequence is walked, and the result is declared in Patient Identity Removed (0012,0062) and the
/// De-identification Method attributes (0012,0063/0064). Free text inside structured reports and text burned
/// into pixels are not cleaned; the result says when pixels may carry text.
/// </summary>
public sealed class Deidentifier(DeidentificationOptions options, UidMap uids)
{
    public DeidentificationResult Apply(DicomDataset dataset)
    {
        var mayContainText = MayContainBurnedInText(dataset);
        var removed = Walk(dataset);
        Declare(dataset);
        return new DeidentificationResult(mayContainText, removed);
    }

    private int Walk(DicomDataset dataset)
    {
        var removed = 0;
        foreach (var item in dataset.ToList())
        {
            var tag = item.Tag;
            // Odd groups are private (or, for 0001–0007, not allowed at all): either way nothing this profile can vouch for.
            if ((tag.Group & 1) == 1 || IsRepeatingGroupToRemove(tag))
            {
                dataset.Remove(tag);
                removed++;
                continue;
            }
            var action = ActionFor(tag);
            switch (action)
            {
                case Remove:
                    dataset.Remove(tag);
                    removed++;
                    continue;
                case Empty:
                    dataset.SetEmpty(tag, item.VR);
                    removed++;
                    continue;
                case Dummy:
                    Replace(dataset, item);
                    removed++;
                    continue;
            }
            if (item is DicomSequence sequence)
            {
                foreach (var child in sequence.Items)
                {
                    removed += Walk(child);
                }
            }
            else if (item.VR == DicomVR.UI && action != Keep && !KeptUids.Contains(tag.Value))
            {
                var values = dataset.GetStrings(tag);
                dataset.Set(tag, DicomVR.UI, values.Select(uids.Map).ToArray());
            }
        }
        return removed;
    }

    private void Replace(DicomDataset dataset, DicomItem item)
    {
        if (item.Tag == DicomTags.PatientName)
        {
            dataset.Set(item.Tag, DicomVR.PN, options.PatientName);
        }
        else if (item.Tag == DicomTags.PatientID)
        {
            dataset.Set(item.Tag, DicomVR.LO, options.PatientId);
        }
        else
        {
            dataset.SetEmpty(item.Tag, item.VR);
        }
    }

    private DeidentificationAction ActionFor(DicomTag tag)
    {
        if (Table.TryGetValue(tag.Value, out var rule))
        {
            return rule.Option switch
            {
                RetainOption.Dates when options.RetainDates => Keep,
                RetainOption.PatientCharacteristics when options.RetainPatientCharacteristics => Keep,
                RetainOption.Institution when options.RetainInstitutionIdentity => Keep,
                _ => rule.Action,
            };
        }
        return Unlisted;
    }

    private void Declare(DicomDataset dataset)
    {
        dataset.Set(DicomTags.PatientIdentityRemoved, DicomVR.CS, "YES");
        var codes = new List<(string Code, string Meaning)> { ("113100", "Basic Application Confidentiality Profile") };
        if (options.RetainDates)
        {
            codes.Add(("113106", "Retain Longitudinal Temporal Information Full Dates Option"));
        }
        if (options.RetainPatientCharacteristics)
        {
            codes.Add(("113108", "Retain Patient Characteristics Option"));
        }
        if (options.RetainInstitutionIdentity)
        {
            codes.Add(("113112", "Retain Institution Identity Option"));
        }
        dataset.Set(DeidentificationMethod, DicomVR.LO, "CloudFilm PS3.15 E.1 " + string.Join(", ", codes.Select(c => c.Code)));
        var items = codes.Select(c =>
        {
            var item = new DicomDataset();
            item.Set(DicomTags.CodeValue, DicomVR.SH, c.Code);
            item.Set(CodingSchemeDesignator, DicomVR.SH, "DCM");
            item.Set(CodeMeaning, DicomVR.LO, c.Meaning);
            return item;
        }).ToList();
        dataset.AddOrUpdate(new DicomSequence(DicomTags.DeidentificationMethodCodeSequence, items));
        dataset.Set(LongitudinalTemporalInformationModified, DicomVR.CS, options.RetainDates ? "UNMODIFIED" : "REMOVED");
    }

    private static bool MayContainBurnedInText(DicomDataset dataset)
    {
        var burnedIn = dataset.GetString(BurnedInAnnotation)?.Trim().ToUpperInvariant();
        if (burnedIn == "YES")
        {
            return true;
        }
        if (burnedIn == "NO")
        {
            return false;
        }
        return ModalityMayShowText(dataset.GetString(Modality));
    }

    /// <summary>
    /// Modalities whose pixels often show the patient's name or ids (ultrasound, angiography, fluoroscopy, captures,
    /// endoscopy, scanned documents) unless the image says Burned In Annotation NO.
    /// </summary>
    public static bool ModalityMayShowText(string? modality) =>
        modality?.Trim().ToUpperInvariant() is "US" or "XA" or "RF" or "OT" or "SC" or "DOC" or "ES" or "XC";

    // Curves (50xx) are retired and may carry text; overlay comments and activation layers can name people.
    private static bool IsRepeatingGroupToRemove(DicomTag tag) =>
        (tag.Group & 0xFF00) == 0x5000 || ((tag.Group & 0xFF00) == 0x6000 && tag.Element is 0x4000 or 0x1500 or 0x1001);

    private static readonly DicomTag DeidentificationMethod = new(0x0012, 0x0063);
    private static readonly DicomTag CodingSchemeDesignator = new(0x0008, 0x0102);
    private static readonly DicomTag CodeMeaning = new(0x0008, 0x0104);
    private static readonly DicomTag LongitudinalTemporalInformationModified = new(0x0028, 0x0303);
    private static readonly DicomTag BurnedInAnnotation = new(0x0028, 0x0301);
    private static readonly DicomTag Modality = new(0x0008, 0x0060);

    /// <summary>UIDs that name kinds of things (classes, syntaxes, coding schemes), not instances: never replaced.</summary>
    private static readonly HashSet<uint> KeptUids =
    [
        0x00080016, // SOP Class UID
        0x0008001A, // Related General SOP Class UID
        0x0008010C, // Coding Scheme UID
        0x0008010D, // Context Group Extension Creator UID
        0x00080117, // Context UID
        0x00081150, // Referenced SOP Class UID
        0x00020002, // Media Storage SOP Class UID
        0x00020010, // Transfer Syntax UID
        0x00020012, // Implementation Class UID
        0x00041510, // Referenced SOP Class UID in File
        0x00041512, // Referenced Transfer Syntax UID in File
        0x0040DB0B, // Template Extension Organization UID
        0x0040DB0C, // Template Extension Creator UID
    ];

    /// <summary>
    /// The attributes this profile acts on (PS3.15 Table E.1-1, the identifying subset seen in imaging), with
    /// the option under which each is kept. Everything not listed is kept, except private elements, curves and
    /// instance UIDs.
    /// </summary>
    private static readonly Dictionary<uint, (DeidentificationAction Action, RetainOption Option)> Table = new()
    {
        // Patient
        [0x00100010] = (Dummy, RetainOption.None),        // Patient's Name
        [0x00100020] = (Dummy, RetainOption.None),        // Patient ID
        [0x00100021] = (Remove, RetainOption.None),       // Issuer of Patient ID
        [0x00100022] = (Remove, RetainOption.None),       // Type of Patient ID
        [0x00100024] = (Remove, RetainOption.None),       // Issuer of Patient ID Qualifiers Sequence
        [0x00100030] = (Empty, RetainOption.None),        // Patient's Birth Date
        [0x00100032] = (Remove, RetainOption.None),       // Patient's Birth Time
        [0x00100033] = (Remove, RetainOption.None),       // Patient's Birth Date in Alternative Calendar
        [0x00100040] = (Empty, RetainOption.PatientCharacteristics), // Patient's Sex
        [0x00100050] = (Remove, RetainOption.None),       // Patient's Insurance Plan Code Sequence
        [0x00101000] = (Remove, RetainOption.None),       // Other Patient IDs
        [0x00101001] = (Remove, RetainOption.None),       // Other Patient Names
        [0x00101002] = (Remove, RetainOption.None),       // Other Patient IDs Sequence
        [0x00101005] = (Remove, RetainOption.None),       // Patient's Birth Name
        [0x00101010] = (Remove, RetainOption.PatientCharacteristics), // Patient's Age
        [0x00101020] = (Remove, RetainOption.PatientCharacteristics), // Patient's Size
        [0x00101030] = (Remove, RetainOption.PatientCharacteristics), // Patient's Weight
        [0x00101040] = (Remove, RetainOption.None),       // Patient's Address
        [0x00101050] = (Remove, RetainOption.None),       // Insurance Plan Identification
        [0x00101060] = (Remove, RetainOption.None),       // Patient's Mother's Birth Name
        [0x00101080] = (Remove, RetainOption.None),       // Military Rank
        [0x00101081] = (Remove, RetainOption.None),       // Branch of Service
        [0x00101090] = (Remove, RetainOption.None),       // Medical Record Locator
        [0x00102000] = (Remove, RetainOption.None),       // Medical Alerts
        [0x00102110] = (Remove, RetainOption.None),       // Allergies
        [0x00102150] = (Remove, RetainOption.None),       // Country of Residence
        [0x00102152] = (Remove, RetainOption.None),       // Region of Residence
        [0x00102154] = (Remove, RetainOption.None),       // Patient's Telephone Numbers
        [0x00102155] = (Remove, RetainOption.None),       // Patient's Telecom Information
        [0x00102160] = (Remove, RetainOption.PatientCharacteristics), // Ethnic Group
        [0x00102180] = (Remove, RetainOption.None),       // Occupation
        [0x001021A0] = (Remove, RetainOption.PatientCharacteristics), // Smoking Status
        [0x001021B0] = (Remove, RetainOption.None),       // Additional Patient History
        [0x001021C0] = (Remove, RetainOption.PatientCharacteristics), // Pregnancy Status
        [0x001021D0] = (Remove, RetainOption.None),       // Last Menstrual Date
        [0x001021F0] = (Remove, RetainOption.None),       // Patient's Religious Preference
        [0x00102203] = (Remove, RetainOption.PatientCharacteristics), // Patient's Sex Neutered
        [0x00102297] = (Remove, RetainOption.None),       // Responsible Person
        [0x00102299] = (Remove, RetainOption.None),       // Responsible Organization
        [0x00104000] = (Remove, RetainOption.None),       // Patient Comments
        [0x00380010] = (Remove, RetainOption.None),       // Admission ID
        [0x00380014] = (Remove, RetainOption.None),       // Issuer of Admission ID Sequence
        [0x00380300] = (Remove, RetainOption.None),       // Current Patient Location
        [0x00380400] = (Remove, RetainOption.None),       // Patient's Institution Residence
        [0x00380500] = (Remove, RetainOption.None),       // Patient State
        // Study, staff and requests
        [0x00080050] = (Empty, RetainOption.None),        // Accession Number
        [0x00200010] = (Empty, RetainOption.None),        // Study ID
        [0x00080020] = (Empty, RetainOption.Dates),       // Study Date
        [0x00080021] = (Remove, RetainOption.Dates),      // Series Date
        [0x00080022] = (Remove, RetainOption.Dates),      // Acquisition Date
        [0x00080023] = (Empty, RetainOption.Dates),       // Content Date
        [0x0008002A] = (Remove, RetainOption.Dates),      // Acquisition DateTime
        [0x00080030] = (Empty, RetainOption.Dates),       // Study Time
        [0x00080031] = (Remove, RetainOption.Dates),      // Series Time
        [0x00080032] = (Remove, RetainOption.Dates),      // Acquisition Time
        [0x00080033] = (Empty, RetainOption.Dates),       // Content Time
        [0x00080090] = (Empty, RetainOption.None),        // Referring Physician's Name
        [0x00080092] = (Remove, RetainOption.None),       // Referring Physician's Address
        [0x00080094] = (Remove, RetainOption.None),       // Referring Physician's Telephone Numbers
        [0x00080096] = (Remove, RetainOption.None),       // Referring Physician Identification Sequence
        [0x00081048] = (Remove, RetainOption.None),       // Physician(s) of Record
        [0x00081049] = (Remove, RetainOption.None),       // Physician(s) of Record Identification Sequence
        [0x00081050] = (Remove, RetainOption.None),       // Performing Physician's Name
        [0x00081052] = (Remove, RetainOption.None),       // Performing Physician Identification Sequence
        [0x00081060] = (Remove, RetainOption.None),       // Name of Physician(s) Reading Study
        [0x00081062] = (Remove, RetainOption.None),       // Physician(s) Reading Study Identification Sequence
        [0x00081070] = (Remove, RetainOption.None),       // Operators' Name
        [0x00081072] = (Remove, RetainOption.None),       // Operator Identification Sequence
        [0x00081080] = (Remove, RetainOption.None),       // Admitting Diagnoses Description
        [0x00081084] = (Remove, RetainOption.None),       // Admitting Diagnoses Code Sequence
        [0x00321032] = (Remove, RetainOption.None),       // Requesting Physician
        [0x00321033] = (Remove, RetainOption.None),       // Requesting Service
        [0x00324000] = (Remove, RetainOption.None),       // Study Comments
        [0x00400006] = (Remove, RetainOption.None),       // Scheduled Performing Physician's Name
        [0x00400009] = (Remove, RetainOption.None),       // Scheduled Procedure Step ID
        [0x00400253] = (Remove, RetainOption.None),       // Performed Procedure Step ID
        [0x00400275] = (Remove, RetainOption.None),       // Request Attributes Sequence
        [0x00401001] = (Remove, RetainOption.None),       // Requested Procedure ID
        [0x00402016] = (Remove, RetainOption.None),       // Placer Order Number / Imaging Service Request
        [0x00402017] = (Remove, RetainOption.None),       // Filler Order Number / Imaging Service Request
        [0x00404037] = (Remove, RetainOption.None),       // Human Performer's Name
        [0x0040A123] = (Dummy, RetainOption.None),        // Person Name (in SR content)
        [0x00204000] = (Remove, RetainOption.None),       // Image Comments
        // Institution and device
        [0x00080080] = (Remove, RetainOption.Institution),  // Institution Name
        [0x00080081] = (Remove, RetainOption.Institution),  // Institution Address
        [0x00080082] = (Remove, RetainOption.Institution),  // Institution Code Sequence
        [0x00081040] = (Remove, RetainOption.Institution),  // Institutional Department Name
        [0x00081010] = (Remove, RetainOption.None),       // Station Name
        [0x00181000] = (Remove, RetainOption.None),       // Device Serial Number
        [0x00181030] = (Keep, RetainOption.None),         // Protocol Name: needed to read the images
        // Security and padding
        [0xFFFAFFFA] = (Remove, RetainOption.None),       // Digital Signatures Sequence
        [0x4FFE0001] = (Remove, RetainOption.None),       // MAC Parameters Sequence
        [0xFFFCFFFC] = (Remove, RetainOption.None),       // Data Set Trailing Padding
        [0x04000561] = (Remove, RetainOption.None),       // Original Attributes Sequence (holds the old values)
    };
}

/// <summary>The actions of PS3.15 Table E.1-1 used here (C and U are handled by the walk).</summary>
public enum DeidentificationAction
{
    Unlisted = 0,
    Keep = 1,
    Remove = 2,
    Empty = 3,
    Dummy = 4,
}

/// <summary>The profile option under which an attribute is kept instead.</summary>
public enum RetainOption
{
    None = 0,
    Dates = 1,
    PatientCharacteristics = 2,
    Institution = 3,
}
