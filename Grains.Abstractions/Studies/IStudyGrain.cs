namespace CloudFilm.Grains.Studies;

/// <summary>The workflow of one study. Key: <see cref="StudyKeys.GrainKey"/> of the study key.</summary>
public interface IStudyGrain : IGrainWithStringKey
{
    /// <summary>Registers the order. Idempotent: the same registration twice yields one study.</summary>
    Task<RegistrationResult> RegisterAsync(StudyRegistration registration);

    /// <summary>The study, or null when nothing is registered under this key.</summary>
    Task<StudySnapshot?> GetAsync();
}
