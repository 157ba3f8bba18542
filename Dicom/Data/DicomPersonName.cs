namespace CloudFilm.Dicom.Data;

/// <summary>
/// A person name (PS3.5 §6.2.1.1): up to three component groups (alphabetic, ideographic, phonetic) separated by
/// '=', each with five components separated by '^'. Parse decoded text only: in GBK a second byte can be 5EH.
/// </summary>
public sealed record DicomPersonName(string Alphabetic, string Ideographic = "", string Phonetic = "")
{
    /// <summary>Parses one PN value ("Zhang^San=张^三=zhang^san").</summary>
    public static DicomPersonName Parse(string value)
    {
        var groups = value.Split('=');
        return new DicomPersonName(
            groups[0],
            groups.Length > 1 ? groups[1] : "",
            groups.Length > 2 ? groups[2] : "");
    }

    public string FamilyName => Component(Alphabetic, 0);
    public string GivenName => Component(Alphabetic, 1);
    public string MiddleName => Component(Alphabetic, 2);
    public string Prefix => Component(Alphabetic, 3);
    public string Suffix => Component(Alphabetic, 4);

    /// <summary>Whether every component is empty ("", "^^^^", "=="): an empty value (PS3.5 §6.2.1.1).</summary>
    public bool IsEmpty => ToString().Length == 0;

    /// <summary>One of the five components (0 family … 4 suffix) of a component group.</summary>
    public static string Component(string group, int index)
    {
        var parts = group.Split('^');
        return index < parts.Length ? parts[index] : "";
    }

    /// <summary>The PN encoding, with trailing empty groups and components dropped (PS3.5 §6.2.1.1).</summary>
    public override string ToString()
    {
        string[] groups = [TrimCarets(Alphabetic), TrimCarets(Ideographic), TrimCarets(Phonetic)];
        var count = groups.Length;
        while (count > 1 && groups[count - 1].Length == 0)
        {
            count--;
        }
        return string.Join('=', groups, 0, count);
    }

    private static string TrimCarets(string group) => group.TrimEnd('^');
}
