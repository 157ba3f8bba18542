using System.Runtime.CompilerServices;
using CloudFilm.Archive.Query;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.DicomNode.Query;

/// <summary>
/// C-FIND SCP (patient root and study root, PS3.4 C.4.1) over the index. Each match answers the keys the request
/// asked for (empty when we have no value), in UTF-8 (Specific Character Set ISO_IR 192) whatever character set the
/// request used; the request's own character set (GB18030, GBK, ISO 2022 IR 58, UTF-8) is decoded by the toolkit.
/// </summary>
public sealed class IndexFindHandler(IndexQueries queries) : IFindHandler
{
    public const int MaxMatches = IndexQueries.DefaultLimit;

    public async IAsyncEnumerable<FindMatch> FindAsync(FindRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var identifier = request.ReadDataset();
        var level = (identifier.GetString(DicomTags.QueryRetrieveLevel) ?? "").Trim();
        var keys = QueryLevels.KeysOf(identifier);
        var matches = await QueryLevels.RunAsync(queries, level, keys, MaxMatches, cancellationToken);
        var syntax = DicomTransferSyntax.Lookup(request.TransferSyntaxUid);
        foreach (var match in matches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new FindMatch(DicomDatasetWriter.ToBytes(Answer(identifier, level, match), syntax));
        }
    }

    private static DicomDataset Answer(DicomDataset identifier, string level, QueryMatch match)
    {
        var answer = new DicomDataset();
        answer.Set(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        answer.Set(DicomTags.QueryRetrieveLevel, level);
        foreach (var item in identifier)
        {
            if (item is not DicomElement element || element.Tag == DicomTags.SpecificCharacterSet || element.Tag == DicomTags.QueryRetrieveLevel)
            {
                continue;
            }
            var keyword = DicomDictionary.Find(element.Tag)?.Keyword;
            if (keyword is not null && match.TryGetValue(keyword, out var value) && value.Length > 0)
            {
                if (element.VR.Code is "US" && ushort.TryParse(value, out var number))
                {
                    answer.Set(element.Tag, element.VR, number);
                }
                else
                {
                    answer.Set(element.Tag, element.VR, value.Split('\\'));
                }
            }
            else
            {
                answer.SetEmpty(element.Tag, element.VR);
            }
        }
        return answer;
    }
}
