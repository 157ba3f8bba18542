using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Files;

/// <summary>
/// Sending Part 10 files with C-STORE: which presentation contexts to propose for a set of files, and sending
/// each one as stored when its syntax was accepted, else transcoded to an accepted uncompressed syntax
/// (<see cref="StorageContexts"/> holds both rules).
/// </summary>
public static class Part10Sending
{
    /// <summary>The contexts to propose for these files: <see cref="StorageContexts.Propose"/> over their SOP classes and syntaxes.</summary>
    public static IReadOnlyList<PresentationContextRequest> ContextsFor(IEnumerable<DicomFileHeader> headers) =>
        StorageContexts.Propose(headers.Select(h => (h.SopClassUid, h.TransferSyntaxUid)));

    /// <summary>
    /// Sends one file on the context <see cref="StorageContexts.Choose"/> picks: its data set bytes as they are when
    /// the SCP accepted the file's syntax for its SOP class, otherwise transcoded (held in memory once).
    /// </summary>
    public static async Task<DimseResponse> StoreFileAsync(this DicomClient client, string path, DicomFileHeader header, CancellationToken cancellationToken = default)
    {
        var context = StorageContexts.Choose(client.Info.PresentationContexts, header.SopClassUid, header.TransferSyntaxUid)
            ?? throw new DicomNetworkException($"{path}: no accepted presentation context for {header.SopClassUid} in {header.TransferSyntaxUid} or uncompressed");
        await using var data = OpenDataSetIn(path, header, context.TransferSyntax);
        return await client.StoreAsync(header.SopClassUid, header.SopInstanceUid, context.TransferSyntax, data, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A file's data set encoded in <paramref name="transferSyntaxUid"/>: streamed from the file when that is the
    /// syntax it holds (the header is read now, so a file rewritten since it was indexed is still read right),
    /// otherwise transcoded by <see cref="DicomTranscoder"/> (decompressed, or re-encoded between native syntaxes)
    /// and held in memory.
    /// </summary>
    public static Stream OpenDataSetIn(string path, string transferSyntaxUid) => OpenDataSetIn(path, DicomFileHeader.Read(path), transferSyntaxUid);

    private static Stream OpenDataSetIn(string path, DicomFileHeader header, string transferSyntaxUid)
    {
        if (header.TransferSyntaxUid == transferSyntaxUid)
        {
            return DicomFileHeader.OpenDataSet(path, header.DataSetOffset);
        }

        var converted = DicomTranscoder.Transcode(DicomFile.Open(path), DicomTransferSyntax.Lookup(transferSyntaxUid));
        return new MemoryStream(DicomDatasetWriter.ToBytes(converted.Dataset, converted.TransferSyntax), writable: false);
    }
}
