using System.Globalization;
using CloudFilm.Api.DicomWeb.Http;
using CloudFilm.Api.Problems;
using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Api.DicomWeb.Retrieve;

/// <summary>Frames of a stored instance as WADO-RS parts: native samples, the stored compressed frame as it is, or encoded on the fly.</summary>
public static class FrameParts
{
    /// <summary>
    /// Reads a frame list (<c>1,3,5</c>, numbers from 1); throws a 400 for anything else. Numbers past the instance's frames
    /// are checked by the caller (404).
    /// </summary>
    public static IReadOnlyList<int> ParseList(string list)
    {
        var numbers = new List<int>();
        foreach (var part in list.Split(','))
        {
            if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                throw RequestValidationException.For("frames", "Give frame numbers from 1, separated by commas (e.g. 1,3).");
            }
            numbers.Add(number);
        }
        return numbers;
    }

    /// <summary>The part's Content-Type and bytes of frame <paramref name="number"/> (from 1) in the negotiated syntax.</summary>
    public static (string ContentType, byte[] Bytes) Frame(DicomPixelData pixels, int number, NegotiatedSyntax syntax)
    {
        var index = number - 1;
        var stored = pixels.TransferSyntax;
        var storedUid = stored.IsEncapsulated ? stored.Uid : DicomUids.ExplicitVRLittleEndian;
        var wanted = syntax.TransferSyntaxUid ?? storedUid;
        byte[] bytes;
        if (wanted == storedUid && (stored.IsEncapsulated || wanted == DicomUids.ExplicitVRLittleEndian))
        {
            bytes = pixels.GetFrameBytes(index).ToArray();
        }
        else
        {
            var (format, native) = pixels.DecodeFrame(index);
            bytes = wanted == DicomUids.ExplicitVRLittleEndian ? native : PixelCodecRegistry.Get(wanted).Encode(native, format).Data;
        }
        return ($"{DicomMediaTypes.ForFrame(wanted)}; transfer-syntax={wanted}", bytes);
    }
}
