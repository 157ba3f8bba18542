namespace CloudFilm.Api.Studies;

/// <summary>A patient as registering and reporting systems send it.</summary>
public sealed class PatientRequest
{
    /// <summary>Patient ID as the issuer assigns it (DICOM (0010,0020)).</summary>
    public string? Id { get; set; }

    /// <summary>Issuer of the patient ID (DICOM (0010,0021)), e.g. the hospital's code.</summary>
    public string? Issuer { get; set; }

    /// <summary>Name as people read it, e.g. "张三", or a DICOM person name "Zhang^San=张^三".</summary>
    public string? Name { get; set; }

    /// <summary>M, F, O or U (unknown).</summary>
    public string? Sex { get; set; }

    public DateOnly? BirthDate { get; set; }

    public string? Phone { get; set; }
}
