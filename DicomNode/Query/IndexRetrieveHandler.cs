using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Query;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Network.Services;

namespace CloudFilm.DicomNode.Query;

/// <summary>
/// C-MOVE and C-GET SCP (PS3.4 C.4.2, C.4.3) over the index and blob store. Each instance is offered in the syntax
/// it is stored in; the SCP sends it so when the receiver (the C-GET requestor, or the C-MOVE destination on the
/// sub-association) accepted that syntax for its class, else decompressed to Explicit or Implicit VR Little Endian
/// (<see cref="StorageContexts"/>).
/// </summary>
public sealed class IndexRetrieveHandler(IndexQueries queries, BlobStore blobs) : IRetrieveHandler
{
    private const int MaxInstances = 100_000;

    public async ValueTask<IReadOnlyList<RetrieveItem>> ResolveAsync(RetrieveRequest request, CancellationToken cancellationToken)
    {
        var identifier = request.ReadDataset();
        var level = (identifier.GetString(DicomTags.QueryRetrieveLevel) ?? "").Trim();
        var keys = QueryLevels.KeysOf(identifier);
        if (level == "PATIENT")
        {
            var studies = await queries.FindStudiesAsync(keys, MaxInstances, cancellationToken);
            if (studies.Count == 0)
            {
                return [];
            }
            keys = new QueryKeys { ["StudyInstanceUID"] = string.Join('\\', studies.Select(s => s["StudyInstanceUID"])) };
        }
        else if (level is not ("STUDY" or "SERIES" or "IMAGE"))
        {
            throw new DimseStatusException(new DimseStatus(0xA900), $"unknown Query/Retrieve Level '{level}'");
        }
        if (keys.Get("StudyInstanceUID") is null && keys.Get("SeriesInstanceUID") is null && keys.Get("SOPInstanceUID") is null)
        {
            throw new DimseStatusException(new DimseStatus(0xA900), "a retrieve names the studies, series or instances to send");
        }

        var instances = await queries.FindInstancesAsync(keys, MaxInstances, cancellationToken);
        return [.. instances.Select(Item)];
    }

    private RetrieveItem Item(QueryMatch instance)
    {
        var path = blobs.PathOf(instance[IndexQueries.BlobKey]);
        return new RetrieveItem(instance["SOPClassUID"], instance["SOPInstanceUID"], instance[IndexQueries.StoredSyntax],
            (syntax, _) => ValueTask.FromResult(Part10Sending.OpenDataSetIn(path, syntax)));
    }
}
