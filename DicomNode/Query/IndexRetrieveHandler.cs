using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Query;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.DicomNode.Query;

/// <summary>
/// C-MOVE and C-GET SCP (PS3.4 C.4.2, C.4.3) over the index and blob store. Instances go in a syntax the peer can
/// take: for C-GET, the stored syntax when the requestor accepted it for the class, else Explicit then Implicit VR
/// Little Endian (decompressed); for C-MOVE, whose sub-association proposes one syntax per instance, copies we
/// compressed ourselves are sent decompressed (Explicit VR Little Endian, which every storage SCP accepts) and
/// copies compressed by their sender are sent as received.
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
        var isGet = request.MoveDestination is null;
        return [.. instances.Select(i => Item(i, isGet ? ChooseForGet(request, i) : ChooseForMove(i)))];
    }

    private static string ChooseForGet(RetrieveRequest request, QueryMatch instance)
    {
        var sopClass = instance["SOPClassUID"];
        var stored = instance[IndexQueries.StoredSyntax];
        bool Accepted(string syntax) => request.Association.PresentationContexts.Any(c =>
            c.IsAccepted && c.RequestorIsScp && c.AbstractSyntax == sopClass && c.TransferSyntax == syntax);
        return Accepted(stored) ? stored
            : Accepted(DicomTransferSyntax.ExplicitVRLittleEndian.Uid) ? DicomTransferSyntax.ExplicitVRLittleEndian.Uid
            : DicomTransferSyntax.ImplicitVRLittleEndian.Uid;
    }

    private static string ChooseForMove(QueryMatch instance)
    {
        var stored = instance[IndexQueries.StoredSyntax];
        return stored == DicomTransferSyntax.JpegLSLossless.Uid ? DicomTransferSyntax.ExplicitVRLittleEndian.Uid : stored;
    }

    private RetrieveItem Item(QueryMatch instance, string syntax)
    {
        var path = blobs.PathOf(instance[IndexQueries.BlobKey]);
        return new RetrieveItem(instance["SOPClassUID"], instance["SOPInstanceUID"], syntax, _ => ValueTask.FromResult(Open(path, syntax)));
    }

    private static Stream Open(string path, string syntax)
    {
        var header = DicomFileHeader.Read(path);
        if (header.TransferSyntaxUid == syntax)
        {
            return DicomFileHeader.OpenDataSet(path, header.DataSetOffset);
        }
        // The stored copy may have been compressed since the index was read: the file says what it is.
        var converted = DicomTranscoder.Transcode(DicomFile.Open(path), DicomTransferSyntax.Lookup(syntax));
        return new MemoryStream(DicomDatasetWriter.ToBytes(converted.Dataset, converted.TransferSyntax));
    }
}
