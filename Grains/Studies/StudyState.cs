namespace CloudFilm.Grains.Studies;

/// <summary>The persisted state of a study (stored as JSON; see deploy/sql/0003).</summary>
public sealed class StudyState
{
    public StudySnapshot? Study { get; set; }
}
