using CloudFilm.Api.DicomWeb.Http;
using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Api.DicomWeb.Retrieve;

/// <summary>What a retrieve answers with: the media type of each part and its transfer syntax (null: each stored copy as it is).</summary>
public sealed record NegotiatedSyntax(string PartMediaType, string? TransferSyntaxUid);

/// <summary>
/// Picks the transfer syntax of a WADO-RS answer from the <c>Accept</c> header (PS3.18 8.7.3.5): ranges are tried best
/// first; <c>transfer-syntax=*</c> takes the stored copies as they are; no <c>transfer-syntax</c> means the media type's
/// default (Explicit VR Little Endian for DICOM and octet-stream); a named syntax is honoured when the toolkit can encode
/// it or every stored copy already is in it. Null when nothing acceptable can be produced (406).
/// </summary>
public static class TransferSyntaxNegotiation
{
    /// <summary>Syntaxes this server produces from any stored copy (the toolkit's encoders and native rewrites).</summary>
    public static readonly IReadOnlySet<string> Producible = new HashSet<string>(StringComparer.Ordinal)
    {
        DicomUids.ExplicitVRLittleEndian,
        DicomUids.DeflatedExplicitVRLittleEndian,
        DicomUids.EncapsulatedUncompressedExplicitVRLittleEndian,
        DicomUids.RLELossless,
        DicomUids.JPEGLossless,
        DicomUids.JPEGLosslessSV1,
        DicomUids.JPEGLSLossless,
        DicomUids.JPEGLSNearLossless,
    };

    /// <summary>For study, series and instance retrieval (parts are <c>application/dicom</c>).</summary>
    public static NegotiatedSyntax? ForInstances(IReadOnlyList<AcceptedMediaRange> ranges, IReadOnlyCollection<string> storedSyntaxes)
    {
        foreach (var range in ranges)
        {
            // application/dicom alone is read as the multipart answer PS3.18 10.4.3 gives for these resources.
            if (range.MediaType is not (DicomMediaTypes.MultipartRelated or DicomMediaTypes.Dicom or "*/*" or "multipart/*")
                || !range.AllowsPart(DicomMediaTypes.Dicom))
            {
                continue;
            }
            if (Choose(range.TransferSyntax ?? DicomUids.ExplicitVRLittleEndian, storedSyntaxes, native: false) is { } chosen)
            {
                return new NegotiatedSyntax(DicomMediaTypes.Dicom, chosen.Length == 0 ? null : chosen);
            }
        }
        return null;
    }

    /// <summary>For frames and pixel bulk data (parts are octet-stream or a compressed image type).</summary>
    public static NegotiatedSyntax? ForFrames(IReadOnlyList<AcceptedMediaRange> ranges, IReadOnlyCollection<string> storedSyntaxes)
    {
        foreach (var range in ranges)
        {
            if (range.MediaType is not (DicomMediaTypes.MultipartRelated or DicomMediaTypes.OctetStream or "*/*" or "multipart/*"))
            {
                continue;
            }
            var part = range.PartType;
            if (range.TransferSyntax == "*")
            {
                return new NegotiatedSyntax(part, null);
            }
            var syntax = range.TransferSyntax ?? DicomMediaTypes.DefaultFrameSyntax(part);
            if (syntax is null || !(part is "*/*" or "*" || DicomMediaTypes.ForFrame(syntax) == part || (part == "image/x-jls" && DicomMediaTypes.ForFrame(syntax) == DicomMediaTypes.JpegLs)))
            {
                continue;
            }
            if (Choose(syntax, storedSyntaxes, native: true) is { Length: > 0 } chosen)
            {
                return new NegotiatedSyntax(DicomMediaTypes.ForFrame(chosen), chosen);
            }
        }
        return null;
    }

    /// <summary>"" for "as stored", the syntax when it can be produced for every stored copy, null otherwise.</summary>
    private static string? Choose(string syntax, IReadOnlyCollection<string> storedSyntaxes, bool native)
    {
        if (syntax == "*")
        {
            return "";
        }
        if (native && syntax == DicomUids.ExplicitVRLittleEndian)
        {
            return syntax; // a frame's bytes as native samples
        }
        if (native && !DicomTransferSyntax.Lookup(syntax).IsEncapsulated)
        {
            return null;
        }
        return Producible.Contains(syntax) && (syntax is not (DicomUids.DeflatedExplicitVRLittleEndian) || !native)
            || storedSyntaxes.All(s => s == syntax)
            ? syntax
            : null;
    }

    /// <summary>Whether a stored copy in <paramref name="storedUid"/> can be decoded to native pixels here.</summary>
    public static bool CanDecode(string storedUid) =>
        !DicomTransferSyntax.Lookup(storedUid).IsEncapsulated || storedUid == DicomUids.EncapsulatedUncompressedExplicitVRLittleEndian
        || PixelCodecRegistry.Find(storedUid) is not null;
}
