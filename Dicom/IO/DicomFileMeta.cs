using System.Buffers.Binary;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.IO;

/// <summary>The File Meta Information group (PS3.10 §7.1, Table 7.1-1).</summary>
internal static class DicomFileMeta
{
    public static void Fill(DicomDataset meta, DicomDataset dataset, DicomTransferSyntax syntax) =>
        Fill(meta, dataset.GetString(DicomTags.SOPClassUID) ?? "", dataset.GetString(DicomTags.SOPInstanceUID) ?? "", syntax.Uid, null);

    /// <summary>The Type 1 elements of Table 7.1-1 and, when known, the Source Application Entity Title (0002,0016).</summary>
    public static void Fill(DicomDataset meta, string sopClassUid, string sopInstanceUid, string transferSyntaxUid, string? sourceAeTitle)
    {
        meta.AddOrUpdate(new DicomElement(DicomTags.FileMetaInformationVersion, DicomVR.OB, new byte[] { 0x00, 0x01 }));
        meta.Set(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, sopClassUid);
        meta.Set(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, sopInstanceUid);
        meta.Set(DicomTags.TransferSyntaxUID, DicomVR.UI, transferSyntaxUid);
        meta.Set(DicomTags.ImplementationClassUID, DicomVR.UI, DicomUids.ImplementationClassUid);
        meta.Set(DicomTags.ImplementationVersionName, DicomVR.SH, DicomUids.ImplementationVersionName);
        if (!string.IsNullOrEmpty(sourceAeTitle))
        {
            meta.Set(DicomTags.SourceApplicationEntityTitle, DicomVR.AE, sourceAeTitle);
        }
    }

    /// <summary>Writes group 0002 in explicit VR LE, led by an exact (0002,0000) (PS3.10 §7.1).</summary>
    public static void Write(Stream stream, DicomDataset meta)
    {
        using var body = new MemoryStream();
        foreach (var item in meta)
        {
            if (item.Tag.Group == 0x0002 && item.Tag.Element != 0)
            {
                DicomDatasetWriter.WriteItem(body, item, explicitVR: true);
            }
        }
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)body.Length);
        DicomDatasetWriter.WriteHeader(stream, DicomTags.FileMetaInformationGroupLength, DicomVR.UL, 4, explicitVR: true);
        stream.Write(length);
        body.Position = 0;
        body.CopyTo(stream);
    }
}
