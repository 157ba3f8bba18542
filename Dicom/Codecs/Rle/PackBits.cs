namespace CloudFilm.Dicom.Codecs.Rle;

/// <summary>
/// The byte-oriented run-length scheme of PS3.5 G.3 (the PackBits variant): header byte n = 0..127 copies the next
/// n+1 bytes literally, n = -1..-127 repeats the next byte 1-n times, n = -128 is a no-op.
/// </summary>
internal static class PackBits
{
    /// <summary>
    /// Decodes a segment into every <paramref name="stride"/>-th byte of <paramref name="destination"/>, starting at
    /// index 0, until <paramref name="count"/> bytes are written. Extra decoded bytes (some encoders overrun a row
    /// by one) are dropped; a segment that ends early is corrupt.
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> segment, Span<byte> destination, int stride, int count, int segmentIndex)
    {
        int written = 0;
        int pos = 0;
        int outIndex = 0;
        while (written < count)
        {
            if (pos >= segment.Length)
            {
                throw new DicomCodecException($"RLE segment {segmentIndex} ends after {written} of {count} bytes");
            }

            int n = (sbyte)segment[pos++];
            if (n >= 0)
            {
                int length = n + 1;
                if (pos + length > segment.Length)
                {
                    throw new DicomCodecException($"RLE segment {segmentIndex}: literal run passes the end of the segment");
                }

                int take = Math.Min(length, count - written);
                if (stride == 1)
                {
                    segment.Slice(pos, take).CopyTo(destination.Slice(outIndex, take));
                    outIndex += take;
                }
                else
                {
                    for (int i = 0; i < take; i++, outIndex += stride)
                    {
                        destination[outIndex] = segment[pos + i];
                    }
                }

                written += take;
                pos += length;
            }
            else if (n != -128)
            {
                if (pos >= segment.Length)
                {
                    throw new DicomCodecException($"RLE segment {segmentIndex}: replicate run without its byte");
                }

                byte value = segment[pos++];
                int take = Math.Min(1 - n, count - written);
                if (stride == 1)
                {
                    destination.Slice(outIndex, take).Fill(value);
                    outIndex += take;
                }
                else
                {
                    for (int i = 0; i < take; i++, outIndex += stride)
                    {
                        destination[outIndex] = value;
                    }
                }

                written += take;
            }
        }
    }

    /// <summary>
    /// Encodes one row (bytes <paramref name="row"/>[0], [stride], [2·stride] … , <paramref name="count"/> of them)
    /// and returns the bytes written. Runs of two or more equal bytes are replicated; runs never cross rows (G.3.1).
    /// Worst case output is count + count/128 + 1 bytes.
    /// </summary>
    public static int EncodeRow(ReadOnlySpan<byte> row, int stride, int count, Span<byte> output)
    {
        int o = 0;
        int i = 0;
        while (i < count)
        {
            byte value = row[i * stride];
            int run = 1;
            while (i + run < count && run < 128 && row[(i + run) * stride] == value)
            {
                run++;
            }

            if (run >= 2)
            {
                output[o++] = (byte)(sbyte)(1 - run);
                output[o++] = value;
                i += run;
                continue;
            }

            // Literal: extend until two equal bytes start a run worth replicating, or 128 bytes.
            int start = i;
            int length = 1;
            i++;
            while (i < count && length < 128)
            {
                if (i + 1 < count && row[i * stride] == row[(i + 1) * stride])
                {
                    break;
                }

                length++;
                i++;
            }

            output[o++] = (byte)(length - 1);
            for (int k = 0; k < length; k++)
            {
                output[o++] = row[(start + k) * stride];
            }
        }

        return o;
    }
}
