namespace CloudFilm.Grains;

/// <summary>Names of the grain storage providers the silo registers.</summary>
public static class GrainStorage
{
    /// <summary>PostgreSQL, JSON payloads.</summary>
    public const string Name = "cloudfilm";
}
