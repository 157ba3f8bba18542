namespace CloudFilm.Grains.Sharing;

/// <summary>How the patient's own share session is made when a report becomes final. Bound from <c>Sharing</c>.</summary>
public sealed class SharingOptions
{
    /// <summary>Whether a final report creates the patient's share session (per deployment; per campus later).</summary>
    public bool ShareOnFinalReport { get; set; } = true;

    /// <summary>How long the patient's own link stays valid.</summary>
    public int PatientShareDays { get; set; } = 30;
}
