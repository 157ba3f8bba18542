namespace CloudFilm.Dicom.Data;

/// <summary>
/// QIDO-RS includefield (PS3.18 8.3.4.3) over top-level attributes, keeping the Private Creator (gggg,00xx) of an
/// included private element (gggg,xxee) so the answer still says whose element it is.
/// </summary>
internal sealed class IncludeFilter
{
    private readonly IReadOnlySet<DicomTag> _tags;
    private readonly HashSet<DicomTag> _creators = [];

    public IncludeFilter(IReadOnlySet<DicomTag> tags)
    {
        _tags = tags;
        foreach (var tag in tags)
        {
            if (tag.IsPrivate && tag.Element >= 0x1000)
            {
                _creators.Add(new DicomTag(tag.Group, (ushort)(tag.Element >> 8)));
            }
        }
    }

    /// <summary>The filter for a set of tags, or null (everything) when there is none.</summary>
    public static IncludeFilter? For(IReadOnlySet<DicomTag>? tags) => tags is null ? null : new IncludeFilter(tags);

    public bool Includes(DicomTag tag) => _tags.Contains(tag) || _creators.Contains(tag);
}
