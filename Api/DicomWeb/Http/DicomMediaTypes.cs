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
}
