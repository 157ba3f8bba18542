using System.Buffers.Binary;

namespace CloudFilm.Dicom.Codecs;

/// <summary>
/// The image description a codestream carries about itself: enough to check it against the data set's Image Pixel
/// module before a destination buffer is allocated.
/// </summary>
/// <param name="Marker">The frame marker (SOFn, SOF55) or 0x51 for a JPEG 2000 SIZ segment.</param>
/// <param name="Precision">Sample precision in bits (the largest component's for JPEG 2000).</param>
internal readonly record struct CodestreamHeader(int Marker, int Precision, int Rows, int Columns, int Components)
{
    /// <summary>
    /// Walks JPEG marker segments (T.81 Annex B, T.87 Annex C: same syntax) from SOI to the first frame header
    /// (SOF0–SOF15 except DHT, JPG and DAC; SOF55 for JPEG-LS). Only lengths are read, never entropy-coded data.
    /// </summary>
    public static CodestreamHeader ReadJpeg(ReadOnlySpan<byte> data, string codec)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            throw new DicomFormatException($"{codec} stream does not start with SOI", 0);
        }

        int pos = 2;
        while (true)
        {
            while (pos < data.Length && data[pos] != 0xFF)
            {
                pos++;
            }

            while (pos < data.Length && data[pos] == 0xFF)
            {
                pos++;
            }

            if (pos + 2 >= data.Length)
            {
                throw new DicomFormatException($"{codec} stream has no frame header", pos);
            }

            int marker = data[pos++];
            int offset = pos - 2;
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // markers without a length (TEM, RSTn)
            }

            if (marker is 0xD9 or 0xDA)
            {
                throw new DicomFormatException($"{codec} stream reaches FF{marker:X2} before a frame header", offset);
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2 || pos + length > data.Length)
            {
                throw new DicomFormatException($"{codec} marker FF{marker:X2} declares length {length} past the end", offset);
            }

            bool isFrame = marker == 0xF7 || (marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC));
            if (isFrame)
            {
                var s = data.Slice(pos + 2, length - 2);
                if (s.Length < 6)
                {
                    throw new DicomFormatException($"{codec} frame header too short", offset);
                }

                return new CodestreamHeader(marker, s[0], BinaryPrimitives.ReadUInt16BigEndian(s[1..]),
                    BinaryPrimitives.ReadUInt16BigEndian(s[3..]), s[5]);
            }

            pos += length;
        }
    }

    /// <summary>
    /// Finds the SIZ segment (ISO/IEC 15444-1 A.5.1) right after SOC, in a raw codestream or inside a JP2 file's
    /// contiguous codestream box: image size is Xsiz − XOsiz by Ysiz − YOsiz, one Ssiz byte per component.
    /// </summary>
    public static CodestreamHeader ReadJpeg2000(ReadOnlySpan<byte> data)
    {
        // A JP2 wrapper puts its boxes first; the codestream starts at the first SOC followed by SIZ.
        int soc = data.IndexOf([(byte)0xFF, (byte)0x4F, (byte)0xFF, (byte)0x51]);
        if (soc < 0)
        {
            throw new DicomFormatException("JPEG 2000 frame has no SOC and SIZ marker", 0);
        }

        var siz = data[(soc + 4)..];
        if (siz.Length < 38)
        {
            throw new DicomFormatException("JPEG 2000 SIZ segment truncated", soc + 2);
        }

        long width = (long)BinaryPrimitives.ReadUInt32BigEndian(siz[4..]) - BinaryPrimitives.ReadUInt32BigEndian(siz[12..]);
        long height = (long)BinaryPrimitives.ReadUInt32BigEndian(siz[8..]) - BinaryPrimitives.ReadUInt32BigEndian(siz[16..]);
        int components = BinaryPrimitives.ReadUInt16BigEndian(siz[36..]);
        if (width <= 0 || height <= 0 || width > int.MaxValue || height > int.MaxValue || siz.Length < 38 + 3 * components)
        {
            throw new DicomFormatException($"JPEG 2000 SIZ describes {width}x{height} with {components} components", soc + 2);
        }

        int precision = 0;
        for (int c = 0; c < components; c++)
        {
            precision = Math.Max(precision, (siz[38 + 3 * c] & 0x7F) + 1);
        }

        return new CodestreamHeader(0x51, precision, (int)height, (int)width, components);
    }

    /// <summary>Throws a <see cref="DicomFormatException"/> unless rows, columns and components are what the data set says.</summary>
    public void RequireGeometry(Pixels.PixelFormat format, string codec, bool allowExtraComponents = false)
    {
        bool componentsMatch = allowExtraComponents ? Components >= format.SamplesPerPixel : Components == format.SamplesPerPixel;
        if (Rows != format.Rows || Columns != format.Columns || !componentsMatch)
        {
            throw new DicomFormatException(
                $"{codec} codestream is {Columns}x{Rows}x{Components}, the data set says {format.Columns}x{format.Rows}x{format.SamplesPerPixel}", 0);
        }
    }
}
