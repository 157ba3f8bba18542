namespace CloudFilm.Archive.Measurements;

/// <summary>
/// Which SR concepts fill which report fields, section <c>Measurements:Fields</c>: each entry names a field and the
/// concept by code (+ optional scheme) or, for vendors that use private codes, by code meaning. The defaults cover
/// the adult echo fields of the brief with their LOINC codes; a site adds or corrects entries in configuration.
/// </summary>
public sealed class MeasurementMapping
{
    public const string Section = "Measurements";

    public List<FieldRule> Fields { get; set; } = [];

    public static MeasurementMapping Default => new()
    {
        Fields =
        [
            new() { Field = "LVEF", Code = "10230-1", Scheme = "LN" },
            new() { Field = "LVEF", Code = "18043-0", Scheme = "LN" }, // "by US", what many echo machines send
            new() { Field = "LVEF", Meaning = "Left Ventricular Ejection Fraction" },
            new() { Field = "IVSd", Code = "18154-0", Scheme = "LN" },
            new() { Field = "IVSd", Meaning = "Interventricular Septum Diastolic Thickness" },
            new() { Field = "LVIDd", Code = "29436-3", Scheme = "LN" },
            new() { Field = "LVIDd", Meaning = "Left Ventricle Internal End Diastolic Dimension" },
            new() { Field = "E/A", Code = "18038-5", Scheme = "LN" },
            new() { Field = "E/A", Meaning = "Mitral Valve E/A Ratio" },
        ],
    };

    public string? FieldFor(string code, string scheme, string meaning)
    {
        foreach (var rule in Fields)
        {
            if (rule.Code is { Length: > 0 } c && c == code && (rule.Scheme is not { Length: > 0 } s || s == scheme))
            {
                return rule.Field;
            }
            if (rule.Meaning is { Length: > 0 } m && string.Equals(m, meaning, StringComparison.OrdinalIgnoreCase))
            {
                return rule.Field;
            }
        }
        return null;
    }

    public sealed class FieldRule
    {
        public string Field { get; set; } = "";
        public string? Code { get; set; }
        public string? Scheme { get; set; }
        public string? Meaning { get; set; }
    }
}
