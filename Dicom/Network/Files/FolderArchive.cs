using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Files;

/// <summary>
/// A small query/retrieve SCP over a folder of Part 10 files (PS3.4 Annex C): patient and study root, all levels,
/// with single value, wildcard, list-of-UID and range matching (PS3.4 C.2.2.2). It rescans the folder on each
/// request, which suits tools and tests, not an archive of millions of instances (that is the index database's job).
/// </summary>
public sealed class FolderArchive(string folder) : IFindHandler, IRetrieveHandler
{
    public async IAsyncEnumerable<FindMatch> FindAsync(FindRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var syntax = DicomTransferSyntax.Lookup(request.TransferSyntaxUid);
        var query = request.ReadDataset();
        var level = (query.GetString(DicomTags.QueryRetrieveLevel) ?? "").Trim();
        var key = LevelKey(level);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, dataset) in Scan())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = dataset.GetString(key) ?? "";
            if (!Matches(query, dataset) || !seen.Add(id))
            {
                continue;
            }

            var answer = new DicomDataset();
            if (dataset.FindElement(DicomTags.SpecificCharacterSet) is { } characterSet)
            {
                answer.AddOrUpdate(characterSet);
            }

            foreach (var item in query)
            {
                if (item.Tag == DicomTags.QueryRetrieveLevel || item.Tag == DicomTags.SpecificCharacterSet)
                {
                    continue;
                }

                answer.AddOrUpdate(dataset.Find(item.Tag) ?? item);
            }

            answer.Set(DicomTags.QueryRetrieveLevel, DicomVR.CS, level);
            yield return new FindMatch(DicomDatasetWriter.ToBytes(answer, syntax));
            await Task.Yield();
        }
    }

    public ValueTask<IReadOnlyList<RetrieveItem>> ResolveAsync(RetrieveRequest request, CancellationToken cancellationToken)
    {
        var query = request.ReadDataset();
        var items = new List<RetrieveItem>();
        foreach (var (path, dataset) in Scan())
        {
            if (!Matches(query, dataset))
            {
                continue;
            }

            var header = DicomFileHeader.Read(path);
            items.Add(new RetrieveItem(header.SopClassUid, header.SopInstanceUid, header.TransferSyntaxUid,
                (syntax, _) => ValueTask.FromResult(Part10Sending.OpenDataSetIn(path, syntax))));
        }

        return ValueTask.FromResult<IReadOnlyList<RetrieveItem>>(items);
    }

    private static DicomTag LevelKey(string level) => level switch
    {
        "PATIENT" => DicomTags.PatientID,
        "STUDY" => DicomTags.StudyInstanceUID,
        "SERIES" => DicomTags.SeriesInstanceUID,
        "IMAGE" => DicomTags.SOPInstanceUID,
        _ => throw new DimseStatusException(DimseStatus.DataSetDoesNotMatchSopClass, $"unknown Query/Retrieve Level '{level}'"),
    };

    private IEnumerable<(string Path, DicomDataset Dataset)> Scan()
    {
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*.dcm", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            DicomDataset dataset;
            try
            {
                dataset = DicomFile.Open(path, DicomReadOptions.Default with { StopBeforePixelData = true }).Dataset;
            }
            catch (Exception e) when (e is DicomException or IOException)
            {
                continue;
            }

            yield return (path, dataset);
        }
    }

    /// <summary>Every non-empty key must match (PS3.4 C.2.2.2); sequences and binary keys are not matched.</summary>
    private static bool Matches(DicomDataset query, DicomDataset dataset)
    {
        foreach (var item in query)
        {
            if (item is not DicomElement { VR.IsString: true } element || item.Tag == DicomTags.QueryRetrieveLevel || item.Tag == DicomTags.SpecificCharacterSet)
            {
                continue;
            }

            var wanted = element.GetText(query.CharacterSet).Trim();
            if (wanted.Length == 0 || wanted == "*")
            {
                continue;
            }

            var actual = (dataset.GetString(item.Tag) ?? "").Trim();
            if (!ValueMatches(wanted, actual, element.VR))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool ValueMatches(string wanted, string actual, DicomVR vr)
    {
        if (vr == DicomVR.UI && wanted.Contains('\\', StringComparison.Ordinal))
        {
            return wanted.Split('\\').Contains(actual, StringComparer.Ordinal);
        }

        if ((vr == DicomVR.DA || vr == DicomVR.TM || vr == DicomVR.DT) && wanted.Contains('-', StringComparison.Ordinal))
        {
            var dash = wanted.IndexOf('-', StringComparison.Ordinal);
            var from = wanted[..dash];
            var to = wanted[(dash + 1)..];
            return actual.Length > 0
                && (from.Length == 0 || string.CompareOrdinal(actual, from) >= 0)
                && (to.Length == 0 || string.CompareOrdinal(actual[..Math.Min(actual.Length, to.Length)], to) <= 0);
        }

        if (wanted.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            return WildcardMatches(wanted, actual);
        }

        return string.Equals(wanted, actual, StringComparison.Ordinal);
    }

    private static bool WildcardMatches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
