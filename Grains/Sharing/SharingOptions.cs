using System.ComponentModel.DataAnnotations;

namespace CloudFilm.Grains.Sharing;

/// <summary>
/// How the patient's own share session is made when a report becomes final: the silo's keys of section
/// <c>Sharing</c>. The Api reads the same section's link keys through <c>ShareLinkOptions</c>.
/// </summary>
public sealed class SharingOptions
{
    public const string Section = "Sharing";

    /// <summary>Whether a final report creates the patient's share session (per deployment; per campus later).</summary>
    public bool ShareOnFinalReport { get; set; } = true;

    /// <summary>How long the patient's own link stays valid.</summary>
    [Range(1, 3650, ErrorMessage = "Sharing:PatientShareDays must be between 1 and 3650 days.")]
    public int PatientShareDays { get; set; } = 30;
}
