namespace CloudFilm.Api.DicomWeb.Access;

/// <summary>How a DICOMweb caller proved who it is.</summary>
public enum DicomWebCallerKind
{
    /// <summary>A signed-in member of staff (cookie), by role.</summary>
    Staff,

    /// <summary>An integration system presenting its key (<c>X-Api-Key</c>).</summary>
    System,

    /// <summary>A patient's share link (its own studies only, de-identified where the share says so).</summary>
    Share,
}

/// <summary>
/// Who is asking, and what they may see, established once per request by <see cref="DicomWebAccess"/> before any
/// DICOMweb handler runs. Handlers never decide access themselves: they ask <see cref="DicomWebAccess"/>.
/// </summary>
/// <param name="Name">Staff name, system name, or the share's token id (never the token itself: it is a secret).</param>
/// <param name="Studies">The Study Instance UIDs this caller may see, or null for every study.</param>
/// <param name="Deidentify">Answers must be de-identified as the share's downloads are.</param>
public sealed record DicomWebCaller(DicomWebCallerKind Kind, string Name, IReadOnlySet<string>? Studies, bool Deidentify)
{
    /// <summary>Whether the caller may see this study. A study it may not see is answered as absent (404), never 403.</summary>
    public bool MaySee(string studyInstanceUid) => Studies is null || Studies.Contains(studyInstanceUid);
}
