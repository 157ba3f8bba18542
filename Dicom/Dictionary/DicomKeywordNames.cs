using System.Text;

namespace CloudFilm.Dicom.Dictionary;

/// <summary>Turns a PS3.6 keyword into words ("PatientBirthDate" → "Patient Birth Date") for display.</summary>
internal static class DicomKeywordNames
{
    public static string ToName(string keyword)
    {
        var sb = new StringBuilder(keyword.Length + 8);
        for (var i = 0; i < keyword.Length; i++)
        {
            var c = keyword[i];
            if (i > 0 && char.IsUpper(c))
            {
                var prev = keyword[i - 1];
                var nextIsLower = i + 1 < keyword.Length && char.IsLower(keyword[i + 1]);
                if (char.IsLower(prev) || char.IsDigit(prev) || (char.IsUpper(prev) && nextIsLower))
                {
                    sb.Append(' ');
                }
            }
            else if (i > 0 && char.IsDigit(c) && !char.IsDigit(keyword[i - 1]))
            {
                sb.Append(' ');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
