using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.IO;

/// <summary>
/// What a Part 10 file says about itself before its data set (PS3.10 §7.1, Table 7.1-1): SOP class, SOP instance,
/// transfer syntax, and the offset where the data set starts, so the data set's bytes can be sent or copied as they
/// are without decoding them. Also writes such a header in front of a data set that arrives as a stream.
/// </summary>
/// <param name="SopClassUid">Media Storage SOP Class UID (0002,0002), or the data set's SOP Class UID without meta.</param>
/// <param name="SopInstanceUid">Media Storage SOP Instance UID (0002,0003), or the data set's SOP Instance UID without meta.</param>
/// <param name="TransferSyntaxUid">Transfer Syntax UID (0002,0010), or the syntax sniffed from the data set without meta.</param>
/// <param name="DataSetOffset">Byte offset of the first data set element in the file.</param>
public sealed record DicomFileHeader(string SopClassUid, string SopInstanceUid, string TransferSyntaxUid, long DataSetOffset)
{
    /// <summary>
    /// Reads preamble and meta information only. Files without meta information (which PS3.10 does not allow, but
    /// which exist) are read up to Pixel Data to find the UIDs, and their syntax is sniffed.
    /// </summary>
    /// <exception cref="DicomFormatException">The file is not DICOM, or its meta lacks the UIDs needed to send it.</exception>
    public static DicomFileHeader Read(string path)
    {
        long offset;
        DicomDataset meta;
        DicomTransferSyntax syntax;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096))
        {
            using var reader = new DicomStreamReader(stream, 0, path);
            (_, meta, syntax, _) = DicomFile.ReadHead(reader, DicomReadOptions.Default);
            offset = reader.Position;
        }

        if (meta.Count > 0)
        {
            var sopClass = meta.GetString(DicomTags.MediaStorageSOPClassUID);
            var sopInstance = meta.GetString(DicomTags.MediaStorageSOPInstanceUID);
            if (string.IsNullOrEmpty(sopClass) || string.IsNullOrEmpty(sopInstance))
            {
                throw new DicomFormatException($"{path}: meta information without the SOP Class and Instance UIDs", 0);
            }

            return new DicomFileHeader(sopClass, sopInstance, syntax.Uid, offset);
        }

        var file = DicomFile.Open(path, DicomReadOptions.Default with { StopBeforePixelData = true });
        return new DicomFileHeader(
            file.Dataset.GetString(DicomTags.SOPClassUID) ?? throw new DicomFormatException($"{path}: no SOP Class UID", offset),
            file.Dataset.GetString(DicomTags.SOPInstanceUID) ?? throw new DicomFormatException($"{path}: no SOP Instance UID", offset),
            file.TransferSyntax.Uid,
            offset);
    }

    /// <summary>Opens the file positioned at its data set, for asynchronous sequential reading.</summary>
    public static FileStream OpenDataSet(string path, long dataSetOffset)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        stream.Position = dataSetOffset;
        return stream;
    }

    /// <summary>
    /// The 128-byte preamble (zeros), "DICM" and the File Meta Information (PS3.10 §7.1) for a data set whose bytes
    /// follow unchanged in <paramref name="transferSyntaxUid"/>: what a storage SCP writes before the received data.
    /// </summary>
    /// <param name="sourceAeTitle">Source Application Entity Title (0002,0016), e.g. the calling AE of a C-STORE; null to omit.</param>
    public static byte[] Build(string sopClassUid, string sopInstanceUid, string transferSyntaxUid, string? sourceAeTitle = null)
    {
        var meta = new DicomDataset();
        DicomFileMeta.Fill(meta, sopClassUid, sopInstanceUid, transferSyntaxUid, sourceAeTitle);
        using var buffer = new MemoryStream(384);
        buffer.Write(new byte[128]);
        buffer.Write("DICM"u8);
        DicomFileMeta.Write(buffer, meta);
        return buffer.ToArray();
    }

    /// <summary>As <see cref="Build"/>, for the SOP class, instance and syntax of this header.</summary>
    public byte[] Build(string? sourceAeTitle = null) => Build(SopClassUid, SopInstanceUid, TransferSyntaxUid, sourceAeTitle);
}
