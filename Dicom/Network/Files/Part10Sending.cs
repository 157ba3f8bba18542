using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Files;

/// <summary>
/// Sending Part 10 files with C-STORE: which presentation contexts to propose for a set of files, and sending
/// each one as stored when its syntax was accepted, else converted between native syntaxes (PS3.5 A.1–A.3).
/// Compressed files are only sent as they are: transcoding pixel data belongs to the codecs.
/// </summary>
public static class Part10Sending
{
    /// <summary>
    /// One context per SOP class and file syntax; native files also offer explicit and implicit VR little endian,
    /// the latter being the default every SCP supports (PS3.5 10.1), so an SCP without the file's syntax can still
    /// take it.
    /// </summary>
    public static IReadOnlyList<PresentationContextRequest> ContextsFor(IEnumerable<DicomFileHeader> headers)
    {
        var seen = new HashSet<(string, string)>();
        var contexts = new List<PresentationContextRequest>();
        foreach (var header in headers)
        {
            if (!seen.Add((header.SopClassUid, header.TransferSyntaxUid)) || contexts.Count >= 128)
            {
                continue;
            }

            var syntaxes = new List<string> { header.TransferSyntaxUid };
            if (DicomTransferSyntax.Lookup(header.TransferSyntaxUid).IsNative)
            {
                foreach (var fallback in NetworkUids.UncompressedLittleEndian)
                {
                    if (!syntaxes.Contains(fallback))
                    {
                        syntaxes.Add(fallback);
                    }
                }
            }

            contexts.Add(new PresentationContextRequest(header.SopClassUid, syntaxes));
        }

        return contexts;
    }

    /// <summary>
    /// Sends one file: its data set bytes as they are when the SCP accepted the file's syntax for its SOP class,
    /// otherwise (native files only) re-encoded in an accepted uncompressed little endian syntax. The re-encoded
    /// data set is held in memory once.
    /// </summary>
    public static async Task<DimseResponse> StoreFileAsync(this DicomClient client, string path, DicomFileHeader header, CancellationToken cancellationToken = default)
    {
        if (client.Info.FindAccepted(header.SopClassUid, header.TransferSyntaxUid) is not null)
        {
            await using var data = DicomFileHeader.OpenDataSet(path, header.DataSetOffset);
            return await client.StoreAsync(header.SopClassUid, header.SopInstanceUid, header.TransferSyntaxUid, data, cancellationToken).ConfigureAwait(false);
        }

        var source = DicomTransferSyntax.Lookup(header.TransferSyntaxUid);
        var target = client.Info.PresentationContexts.FirstOrDefault(c =>
            c.IsAccepted && c.AbstractSyntax == header.SopClassUid && NetworkUids.UncompressedLittleEndian.Contains(c.TransferSyntax));
        if (!source.IsNative || target is null)
        {
            throw new DicomNetworkException($"{path}: no accepted presentation context for {header.SopClassUid} in {header.TransferSyntaxUid}");
        }

        var file = DicomFile.Open(path);
        var bytes = DicomDatasetWriter.ToBytes(file.Dataset, DicomTransferSyntax.Lookup(target.TransferSyntax));
        return await client.StoreAsync(header.SopClassUid, header.SopInstanceUid, target.TransferSyntax, new MemoryStream(bytes, writable: false), cancellationToken)
            .ConfigureAwait(false);
    }
}
