using CloudFilm.Dicom.IO;

namespace CloudFilm.Dicom.Network.Files;

/// <summary>
/// The network layer's name for <see cref="DicomFileHeader"/> (PS3.10 §7.1), kept so existing callers build; it
/// forwards there and holds no reading code of its own. New code uses <see cref="DicomFileHeader"/>.
/// </summary>
public sealed record Part10Header(string SopClassUid, string SopInstanceUid, string TransferSyntaxUid, long DataSetOffset)
{
    /// <inheritdoc cref="DicomFileHeader.Read"/>
    public static Part10Header Read(string path) => From(DicomFileHeader.Read(path));

    /// <inheritdoc cref="DicomFileHeader.OpenDataSet"/>
    public static FileStream OpenDataSet(string path, long offset) => DicomFileHeader.OpenDataSet(path, offset);

    public static Part10Header From(DicomFileHeader header) =>
        new(header.SopClassUid, header.SopInstanceUid, header.TransferSyntaxUid, header.DataSetOffset);

    public DicomFileHeader ToFileHeader() => new(SopClassUid, SopInstanceUid, TransferSyntaxUid, DataSetOffset);
}
