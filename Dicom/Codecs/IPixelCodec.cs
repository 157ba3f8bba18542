using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Codecs;

/// <summary>
/// Turns one frame of encapsulated pixel data into native pixels and back (PS3.5 §8.2, Annex A.4).
/// Native pixels are little-endian, samples of BitsAllocated bits.
/// </summary>
public interface IPixelCodec
{
    /// <summary>The transfer syntax this codec implements.</summary>
    string TransferSyntaxUid { get; }

    /// <summary>Whether <see cref="Encode"/> is available (some codecs here only decode).</summary>
    bool CanEncode { get; }

    /// <summary>
    /// Decodes one frame (all of its fragments joined) into <paramref name="destination"/>, which holds at least
    /// <see cref="PixelFormat.FrameLength"/> of the returned format. Returns the format actually written: colour
    /// codecs may change the photometric interpretation (e.g. YBR_FULL_422 → RGB) or the planar configuration.
    /// </summary>
    PixelFormat Decode(ReadOnlySpan<byte> frame, PixelFormat format, Span<byte> destination);

    /// <summary>
    /// Reads only the codestream's own header (T.81 B.2.2 frame header, T.87 C.2.2, ISO/IEC 15444-1 A.5.1 SIZ, PS3.5
    /// G.5 RLE header) and checks its dimensions, components and precision against <paramref name="format"/>, so a
    /// small frame declaring a huge image is refused before any destination is allocated. Returns the format
    /// <see cref="Decode"/> will produce. Throws <see cref="DicomFormatException"/> on a mismatch. Codecs that cannot
    /// look ahead return the format unchanged.
    /// </summary>
    PixelFormat Probe(ReadOnlySpan<byte> frame, PixelFormat format) => format;

    /// <summary>Encodes one native frame. Lossless codecs keep the photometric interpretation of the source.</summary>
    EncodedFrame Encode(ReadOnlySpan<byte> frame, PixelFormat format);
}

/// <summary>One encoded frame and the pixel format its codestream describes.</summary>
public sealed record EncodedFrame(byte[] Data, PixelFormat Format, bool IsLossy = false);
