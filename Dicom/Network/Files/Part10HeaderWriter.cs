using CloudFilm.Dicom.IO;

namespace CloudFilm.Dicom.Network.Files;

/// <summary>
/// Kept so existing callers build: forwards to <see cref="DicomFileHeader.Build(string, string, string, string?)"/>
/// (PS3.10 §7.1), which new code calls directly.
/// </summary>
public static class Part10HeaderWriter
{
    /// <inheritdoc cref="DicomFileHeader.Build(string, string, string, string?)"/>
    public static byte[] Build(string sopClassUid, string sopInstanceUid, string transferSyntaxUid, string? sourceAeTitle) =>
        DicomFileHeader.Build(sopClassUid, sopInstanceUid, transferSyntaxUid, sourceAeTitle);
}
