namespace CloudFilm.Dicom.Codecs;

/// <summary>
/// Transfer syntax UIDs as constants (PS3.6 Table A-1): the native ones every application meets and the encapsulated
/// ones the codecs here implement. <see cref="Uids.DicomTransferSyntax"/> has the full table with properties.
/// </summary>
public static class TransferSyntaxUids
{
    public const string ImplicitVRLittleEndian = "1.2.840.10008.1.2";
    public const string ExplicitVRLittleEndian = "1.2.840.10008.1.2.1";
    public const string DeflatedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.99";
    public const string ExplicitVRBigEndian = "1.2.840.10008.1.2.2";
    public const string JpegBaseline8Bit = "1.2.840.10008.1.2.4.50";
    public const string JpegExtended12Bit = "1.2.840.10008.1.2.4.51";
    public const string JpegLossless = "1.2.840.10008.1.2.4.57";
    public const string JpegLosslessSv1 = "1.2.840.10008.1.2.4.70";
    public const string JpegLsLossless = "1.2.840.10008.1.2.4.80";
    public const string JpegLsNearLossless = "1.2.840.10008.1.2.4.81";
    public const string Jpeg2000Lossless = "1.2.840.10008.1.2.4.90";
    public const string Jpeg2000 = "1.2.840.10008.1.2.4.91";
    public const string RleLossless = "1.2.840.10008.1.2.5";
}
