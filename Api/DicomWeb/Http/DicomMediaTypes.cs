using CloudFilm.Dicom.Uids;

namespace CloudFilm.Api.DicomWeb.Http;

/// <summary>The media types of PS3.18 Table 8.7.3-2 and 8.7.4-1 that CloudFilm answers with or accepts.</summary>
public static class DicomMediaTypes
{
    public const string Dicom = "application/dicom";
    public const string DicomJson = "application/dicom+json";
    public const string DicomXml = "application/dicom+xml";
    public const string OctetStream = "application/octet-stream";
    public const string MultipartRelated = "multipart/related";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string JpegLs = "image/jls";
    public const string Jp2 = "image/jp2";
    public const string Jpx = "image/jpx";
    public const string Jphc = "image/jphc";
    public const string DicomRle = "image/dicom-rle";

    /// <summary>The media type of a frame in <paramref name="transferSyntaxUid"/> (PS3.18 Table 8.7.3-5); octet-stream for native syntaxes.</summary>
    public static string ForFrame(string transferSyntaxUid) => transferSyntaxUid switch
    {
        DicomUids.JPEGBaseline8Bit or DicomUids.JPEGExtended12Bit
            or DicomUids.JPEGLossless or DicomUids.JPEGLosslessSV1 => Jpeg,
        DicomUids.JPEGLSLossless or DicomUids.JPEGLSNearLossless => JpegLs,
        DicomUids.JPEG2000Lossless or DicomUids.JPEG2000 => Jp2,
        DicomUids.JPEG2000MCLossless or DicomUids.JPEG2000MC => Jpx,
        DicomUids.HTJ2KLossless or DicomUids.HTJ2KLosslessRPCL or DicomUids.HTJ2K => Jphc,
        DicomUids.RLELossless => DicomRle,
        _ => OctetStream,
    };

    /// <summary>The syntax a frame media type means when the Accept header names no <c>transfer-syntax</c> (PS3.18 Table 8.7.3-5 defaults).</summary>
    public static string? DefaultFrameSyntax(string mediaType) => mediaType switch
    {
        OctetStream or "*/*" or "*" => DicomUids.ExplicitVRLittleEndian,
        Jpeg => DicomUids.JPEGBaseline8Bit,
        JpegLs or "image/x-jls" => DicomUids.JPEGLSLossless,
        Jp2 => DicomUids.JPEG2000Lossless,
        Jpx => DicomUids.JPEG2000MCLossless,
        Jphc => DicomUids.HTJ2KLossless,
        DicomRle or "image/x-dicom-rle" => DicomUids.RLELossless,
        _ => null,
    };
}
