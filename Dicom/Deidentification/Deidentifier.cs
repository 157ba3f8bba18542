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
            else if (item.VR == DicomVR.UI && action != Keep && !options.RetainUids && !KeptUids.Contains(tag.Value))
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
        if (options.RetainUids)
        {
            codes.Add(("113110", "Retain UIDs Option"));
        }
        if (options.RetainInstitutionIdentity)
        {
            codes.Add(("113112", "Retain Institution Identity Option"));
        }
        dataset.Set(DicomTags.DeidentificationMethod, DicomVR.LO, "CloudFilm PS3.15 E.1 " + string.Join(", ", codes.Select(c => c.Code)));
        var items = codes.Select(c =>
        {
            var item = new DicomDataset();
            item.Set(DicomTags.CodeValue, DicomVR.SH, c.Code);
            item.Set(DicomTags.CodingSchemeDesignator, DicomVR.SH, "DCM");
            item.Set(DicomTags.CodeMeaning, DicomVR.LO, c.Meaning);
            return item;
        }).ToList();
        dataset.AddOrUpdate(new DicomSequence(DicomTags.DeidentificationMethodCodeSequence, items));
        dataset.Set(DicomTags.LongitudinalTemporalInformationModified, DicomVR.CS, options.RetainDates ? "UNMODIFIED" : "REMOVED");
    }

    private static bool MayContainBurnedInText(DicomDataset dataset)
    {
        var burnedIn = dataset.GetString(DicomTags.BurnedInAnnotation)?.Trim().ToUpperInvariant();
        if (burnedIn == "YES")
        {
            return true;
        }
        if (burnedIn == "NO")
        {
            return false;
        }
        return ModalityMayShowText(dataset.GetString(DicomTags.Modality));
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

    /// <summary>UIDs that name kinds of things (classes, syntaxes, coding schemes), not instances: never replaced.</summary>
    private static readonly HashSet<uint> KeptUids =
    [
        DicomTags.SOPClassUID.Value,
        DicomTags.RelatedGeneralSOPClassUID.Value,
        DicomTags.CodingSchemeUID.Value,
        DicomTags.ContextGroupExtensionCreatorUID.Value,
        DicomTags.ContextUID.Value,
        DicomTags.ReferencedSOPClassUID.Value,
        DicomTags.MediaStorageSOPClassUID.Value,
        DicomTags.TransferSyntaxUID.Value,
        DicomTags.ImplementationClassUID.Value,
        DicomTags.ReferencedSOPClassUIDInFile.Value,
        DicomTags.ReferencedTransferSyntaxUIDInFile.Value,
        0x0040DB0B, // Template Extension Organization UID (retired: no DicomTags constant)
        0x0040DB0C, // Template Extension Creator UID (retired)
    ];

    /// <summary>
    /// The attributes this profile acts on (PS3.15 Table E.1-1, the identifying subset seen in imaging), with
    /// the option under which each is kept. Everything not listed is kept, except private elements, curves and
    /// instance UIDs.
    /// </summary>
    private static readonly Dictionary<uint, (DeidentificationAction Action, RetainOption Option)> Table = new()
    {
        // Patient
        [DicomTags.PatientName.Value] = (Dummy, RetainOption.None),
        [DicomTags.PatientID.Value] = (Dummy, RetainOption.None),
        [DicomTags.IssuerOfPatientID.Value] = (Remove, RetainOption.None),
        [DicomTags.TypeOfPatientID.Value] = (Remove, RetainOption.None),
        [DicomTags.IssuerOfPatientIDQualifiersSequence.Value] = (Remove, RetainOption.None),
        [DicomTags.PatientBirthDate.Value] = (Empty, RetainOption.None),
        [DicomTags.PatientBirthTime.Value] = (Remove, RetainOption.None),
        [DicomTags.PatientBirthDateInAlternativeCalendar.Value] = (Remove, RetainOption.None),
        [DicomTags.PatientSex.Value] = (Empty, RetainOption.PatientCharacteristics),
        [DicomTags.PatientInsurancePlanCodeSequence.Value] = (Remove, RetainOption.None),
        [0x00101000] = (Remove, RetainOption.None), // Other Patient IDs (retired)
        [DicomTags.OtherPatientNames.Value] = (Remove, RetainOption.None),
        [DicomTags.OtherPatientIDsSequence.Value] = (Remove, RetainOption.None),
        [DicomTags.PatientBirthName.Value] = (Remove, RetainOption.None),
        [DicomTags.PatientAge.Value] = (Remove, RetainOption.PatientCharacteristics),
        [DicomTags.PatientSize.Value] = (Remove, RetainOption.PatientCharacteristics),
        [DicomTags.PatientWeight.Value] = (Remove, RetainOption.PatientCharacteristics),
        [DicomTags.PatientAddress.Value] = (Remove, RetainOption.None),
        [0x00101050] = (Remove, RetainOption.None), // Insurance Plan Identification (retired)
        [DicomTags.PatientMotherBirthName.Value] = (Remove, RetainOption.None),
        [DicomTags.MilitaryRank.Value] = (Remove, RetainOption.None),
        [DicomTags.BranchOfService.Value] = (Remove, RetainOption.None),
        [0x00101090] = (Remove, RetainOption.None), // Medical Record Locator (retired)
        [DicomTags.MedicalAlerts.Value] = (Remove, RetainOption.None),
        [DicomTags.Allergies.Value] = (Remove, RetainOption.None),
        [DicomTags.CountryOfResidence.Value] = (Remove, RetainOption.None),
        [DicomTags.RegionOfResidence.Value] = (Remove, RetainOption.None),
        [DicomTags.PatientTelephoneNumbers.Value] = (Remove, RetainOption.None),
        [DicomTags.PatientTelecomInformation.Value] = (Remove, RetainOption.None),
        [DicomTags.EthnicGroup.Value] = (Remove, RetainOption.PatientCharacteristics),
        [DicomTags.Occupation.Value] = (Remove, RetainOption.None),
        [DicomTags.SmokingStatus.Value] = (Remove, RetainOption.PatientCharacteristics),
        [DicomTags.AdditionalPatientHistory.Value] = (Remove, RetainOption.None),
        [DicomTags.PregnancyStatus.Value] = (Remove, RetainOption.PatientCharacteristics),
        [DicomTags.LastMenstrualDate.Value] = (Remove, RetainOption.None),
        [DicomTags.PatientReligiousPreference.Value] = (Remove, RetainOption.None),
        [DicomTags.PatientSexNeutered.Value] = (Remove, RetainOption.PatientCharacteristics),
        [DicomTags.ResponsiblePerson.Value] = (Remove, RetainOption.None),
        [DicomTags.ResponsibleOrganization.Value] = (Remove, RetainOption.None),
        [DicomTags.PatientComments.Value] = (Remove, RetainOption.None),
        [DicomTags.AdmissionID.Value] = (Remove, RetainOption.None),
        [DicomTags.IssuerOfAdmissionIDSequence.Value] = (Remove, RetainOption.None),
        [DicomTags.CurrentPatientLocation.Value] = (Remove, RetainOption.None),
        [DicomTags.PatientInstitutionResidence.Value] = (Remove, RetainOption.None),
        [DicomTags.PatientState.Value] = (Remove, RetainOption.None),
        // Study, staff and requests
        [DicomTags.AccessionNumber.Value] = (Empty, RetainOption.None),
        [DicomTags.StudyID.Value] = (Empty, RetainOption.None),
        [DicomTags.StudyDate.Value] = (Empty, RetainOption.Dates),
        [DicomTags.SeriesDate.Value] = (Remove, RetainOption.Dates),
        [DicomTags.AcquisitionDate.Value] = (Remove, RetainOption.Dates),
        [DicomTags.ContentDate.Value] = (Empty, RetainOption.Dates),
        [DicomTags.AcquisitionDateTime.Value] = (Remove, RetainOption.Dates),
        [DicomTags.StudyTime.Value] = (Empty, RetainOption.Dates),
        [DicomTags.SeriesTime.Value] = (Remove, RetainOption.Dates),
        [DicomTags.AcquisitionTime.Value] = (Remove, RetainOption.Dates),
        [DicomTags.ContentTime.Value] = (Empty, RetainOption.Dates),
        [DicomTags.ReferringPhysicianName.Value] = (Empty, RetainOption.None),
        [DicomTags.ReferringPhysicianAddress.Value] = (Remove, RetainOption.None),
        [DicomTags.ReferringPhysicianTelephoneNumbers.Value] = (Remove, RetainOption.None),
        [DicomTags.ReferringPhysicianIdentificationSequence.Value] = (Remove, RetainOption.None),
        [DicomTags.PhysiciansOfRecord.Value] = (Remove, RetainOption.None),
        [DicomTags.PhysiciansOfRecordIdentificationSequence.Value] = (Remove, RetainOption.None),
        [DicomTags.PerformingPhysicianName.Value] = (Remove, RetainOption.None),
        [DicomTags.PerformingPhysicianIdentificationSequence.Value] = (Remove, RetainOption.None),
        [DicomTags.NameOfPhysiciansReadingStudy.Value] = (Remove, RetainOption.None),
        [DicomTags.PhysiciansReadingStudyIdentificationSequence.Value] = (Remove, RetainOption.None),
        [DicomTags.OperatorsName.Value] = (Remove, RetainOption.None),
        [DicomTags.OperatorIdentificationSequence.Value] = (Remove, RetainOption.None),
        [DicomTags.AdmittingDiagnosesDescription.Value] = (Remove, RetainOption.None),
        [DicomTags.AdmittingDiagnosesCodeSequence.Value] = (Remove, RetainOption.None),
        [DicomTags.RequestingPhysician.Value] = (Remove, RetainOption.None),
        [DicomTags.RequestingService.Value] = (Remove, RetainOption.None),
        [0x00324000] = (Remove, RetainOption.None), // Study Comments (retired)
        [DicomTags.ScheduledPerformingPhysicianName.Value] = (Remove, RetainOption.None),
        [DicomTags.ScheduledProcedureStepID.Value] = (Remove, RetainOption.None),
        [DicomTags.PerformedProcedureStepID.Value] = (Remove, RetainOption.None),
        [DicomTags.RequestAttributesSequence.Value] = (Remove, RetainOption.None),
        [DicomTags.RequestedProcedureID.Value] = (Remove, RetainOption.None),
        [DicomTags.PlacerOrderNumberImagingServiceRequest.Value] = (Remove, RetainOption.None),
        [DicomTags.FillerOrderNumberImagingServiceRequest.Value] = (Remove, RetainOption.None),
        [DicomTags.HumanPerformerName.Value] = (Remove, RetainOption.None),
        [DicomTags.PersonName.Value] = (Dummy, RetainOption.None), // in SR content
        [DicomTags.ImageComments.Value] = (Remove, RetainOption.None),
        // Institution and device
        [DicomTags.InstitutionName.Value] = (Remove, RetainOption.Institution),
        [DicomTags.InstitutionAddress.Value] = (Remove, RetainOption.Institution),
        [DicomTags.InstitutionCodeSequence.Value] = (Remove, RetainOption.Institution),
        [DicomTags.InstitutionalDepartmentName.Value] = (Remove, RetainOption.Institution),
        [DicomTags.StationName.Value] = (Remove, RetainOption.None),
        [DicomTags.DeviceSerialNumber.Value] = (Remove, RetainOption.None),
        [DicomTags.ProtocolName.Value] = (Keep, RetainOption.None), // needed to read the images
        // Security and padding
        [DicomTags.DigitalSignaturesSequence.Value] = (Remove, RetainOption.None),
        [DicomTags.MACParametersSequence.Value] = (Remove, RetainOption.None),
        [DicomTags.DataSetTrailingPadding.Value] = (Remove, RetainOption.None),
        [DicomTags.OriginalAttributesSequence.Value] = (Remove, RetainOption.None), // holds the old values
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
