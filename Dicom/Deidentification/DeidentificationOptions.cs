namespace CloudFilm.Dicom.Deidentification;

/// <summary>
/// Which PS3.15 Annex E profile options apply on top of the Basic Application Confidentiality Profile. The
/// defaults are those of a patient-shared cloud film: clinically usable, minimally identifying (dates kept for
/// comparing with priors, age/sex/size/weight kept, the hospital's name kept, descriptions kept).
/// </summary>
public sealed record DeidentificationOptions
{
    /// <summary>Retain Longitudinal Temporal Information with Full Dates Option (113106).</summary>
    public bool RetainDates { get; init; } = true;

    /// <summary>Retain Patient Characteristics Option (113108): sex, age, size, weight, smoking and pregnancy status.</summary>
    public bool RetainPatientCharacteristics { get; init; } = true;

    /// <summary>Retain Institution Identity Option (113112): institution name, address and department.</summary>
    public bool RetainInstitutionIdentity { get; init; } = true;

    /// <summary>
    /// Retain UIDs Option (113110): instance, series, study and frame of reference UIDs are kept, for answers that must
    /// stay addressable by the UIDs the caller already holds (DICOMweb through a share link).
    /// </summary>
    public bool RetainUids { get; init; }

    /// <summary>What replaces the patient's name.</summary>
    public string PatientName { get; init; } = "ANONYMOUS";

    /// <summary>What replaces the patient id (the same within one export, so the viewer groups the studies).</summary>
    public string PatientId { get; init; } = "ANON";
}
