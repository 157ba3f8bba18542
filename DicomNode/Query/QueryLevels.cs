using CloudFilm.Archive.Query;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;

namespace CloudFilm.DicomNode.Query;

/// <summary>Reads a C-FIND/C-MOVE/C-GET identifier into query keys and runs it at its level (PS3.4 C.6).</summary>
internal static class QueryLevels
{
    /// <summary>Keys by keyword, from the identifier's top-level elements, decoded in its character set.</summary>
    public static QueryKeys KeysOf(DicomDataset identifier)
    {
        var keys = new QueryKeys();
        foreach (var item in identifier)
        {
            if (item is DicomElement element && DicomDictionary.Find(element.Tag)?.Keyword is { } keyword)
            {
                keys[keyword] = (identifier.GetString(element.Tag) ?? "").Trim('\0', ' ');
            }
        }
        return keys;
    }

    public static Task<IReadOnlyList<QueryMatch>> RunAsync(IndexQueries queries, string level, QueryKeys keys, int limit, CancellationToken cancellationToken) =>
        level switch
        {
            "PATIENT" => queries.FindPatientsAsync(keys, limit, cancellationToken),
            "STUDY" => queries.FindStudiesAsync(keys, limit, cancellationToken),
            "SERIES" => queries.FindSeriesAsync(keys, limit, cancellationToken),
            "IMAGE" => queries.FindInstancesAsync(keys, limit, cancellationToken),
            _ => throw new Dicom.Network.Dimse.DimseStatusException(new Dicom.Network.Dimse.DimseStatus(0xA900), $"unknown Query/Retrieve Level '{level}'"),
        };
}
