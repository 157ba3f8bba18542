using System.Buffers.Binary;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Codecs.JpegLs;

/// <summary>
/// Reads a JPEG-LS interchange stream (T.87 Annex C) into a native frame: SOF55, optional LSE preset parameters
/// before any scan, one scan per component (ILV 0) or one line-interleaved scan (ILV 1). The codestream must
/// describe the frame the DICOM attributes describe; header values are checked against them before anything is
/// allocated. Padding and a missing EOI after the last scan are tolerated.
/// </summary>
internal static unsafe class JpegLsDecoder
{
    public static void Decode(ReadOnlySpan<byte> data, PixelFormat f, Span<byte> destination)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != JpegLsMarkers.Soi)
        {
            throw new DicomFormatException("JPEG-LS stream does not start with SOI", 0);
        }

        int pos = 2;
        int bits = 0;
        int width = 0;
        int components = 0;
        Span<byte> componentIds = stackalloc byte[4];
        int maxVal = 0, t1 = 0, t2 = 0, t3 = 0, reset = 0;
        long restartInterval = 0;
        Span<bool> done = stackalloc bool[4];
        int decodedComponents = 0;

        while (decodedComponents < f.SamplesPerPixel)
        {
            // Skip to the next marker; fill bytes (FFH) before a marker are allowed (T.81 B.1.1.2).
            while (pos < data.Length && data[pos] != 0xFF)
            {
                pos++;
            }

            while (pos < data.Length && data[pos] == 0xFF)
            {
                pos++;
            }

            if (pos >= data.Length)
            {
                throw new DicomFormatException("JPEG-LS stream ends before all components are decoded", pos);
            }

            byte marker = data[pos++];
            int markerOffset = pos - 2;
            if (marker == JpegLsMarkers.Eoi)
            {
                throw new DicomFormatException("JPEG-LS stream reaches EOI before all components are decoded", markerOffset);
            }

            if (pos + 2 > data.Length)
            {
                throw new DicomFormatException("JPEG-LS marker segment truncated", markerOffset);
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2 || pos + length > data.Length)
            {
                throw new DicomFormatException($"JPEG-LS marker FF{marker:X2} declares length {length} past the end", markerOffset);
            }

            var segment = data.Slice(pos + 2, length - 2);
            switch (marker)
            {
                case JpegLsMarkers.Sof55:
                    if (segment.Length < 6)
                    {
                        throw new DicomFormatException("JPEG-LS SOF55 segment too short", markerOffset);
                    }

                    bits = segment[0];
                    int height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                    width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                    components = segment[5];
                    if (height != f.Rows || width != f.Columns || components != f.SamplesPerPixel)
                    {
                        throw new DicomFormatException(
                            $"JPEG-LS frame is {width}x{height}x{components}, the data set says {f.Columns}x{f.Rows}x{f.SamplesPerPixel}",
                            markerOffset);
                    }

                    if (bits < 2 || bits > 16 || bits > f.BitsAllocated || segment.Length < 6 + 3 * components)
                    {
                        throw new DicomFormatException($"JPEG-LS frame of {bits} bits into {f.BitsAllocated} bits allocated", markerOffset);
                    }

                    for (int c = 0; c < components; c++)
                    {
                        componentIds[c] = segment[6 + 3 * c];
                        if (segment[7 + 3 * c] != 0x11)
                        {
                            throw new DicomCodecException("JPEG-LS: subsampled components are not supported");
                        }
                    }

                    break;

                case JpegLsMarkers.Lse:
                    if (segment.Length < 1 || segment[0] != 1)
                    {
                        throw new DicomCodecException("JPEG-LS: mapping tables and extended LSE segments are not supported");
                    }

                    if (segment.Length < 11)
                    {
                        throw new DicomFormatException("JPEG-LS LSE preset segment too short", markerOffset);
                    }

                    maxVal = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                    t1 = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                    t2 = BinaryPrimitives.ReadUInt16BigEndian(segment[5..]);
                    t3 = BinaryPrimitives.ReadUInt16BigEndian(segment[7..]);
                    reset = BinaryPrimitives.ReadUInt16BigEndian(segment[9..]);
                    break;

                case JpegLsMarkers.Dri:
                    // T.87 C.2.5: the interval is 2, 3 or 4 bytes, counted in lines.
                    if (segment.Length is < 2 or > 4)
                    {
                        throw new DicomFormatException("JPEG-LS DRI segment malformed", markerOffset);
                    }

                    restartInterval = 0;
                    foreach (var b in segment)
                    {
                        restartInterval = (restartInterval << 8) | b;
                    }

                    break;

                case JpegLsMarkers.Sos:
                    if (bits == 0)
                    {
                        throw new DicomFormatException("JPEG-LS scan before the frame header", markerOffset);
                    }

                    int scanStart = pos + length;
                    var scan = ParseScan(segment, componentIds[..components], markerOffset, done);
                    var presets = JpegLsPresets.Create(bits, scan.Near, maxVal, t1, t2, t3, reset);
                    if (!presets.IsValid(bits))
                    {
                        throw new DicomFormatException("JPEG-LS preset parameters out of range", markerOffset);
                    }

                    fixed (byte* p = data)
                    {
                        var reader = new JpegLsBitReader(p + scanStart, data.Length - scanStart, scanStart);
                        DecodeScan(reader, presets, f, destination, scan, restartInterval);
                    }

                    decodedComponents += scan.Count;
                    pos = FindScanEnd(data, scanStart);
                    continue;

                case 0xE8 when segment.Length >= 5 && segment[..4].SequenceEqual("mrfx"u8) && segment[4] != 0:
                    // HP's colour transforms (APP8 "mrfx") are outside T.87 and not allowed in DICOM (PS3.5 A.4.3).
                    throw new DicomCodecException($"JPEG-LS: HP colour transform {segment[4]} is not supported");

                default:
                    if (!(marker is >= 0xE0 and <= 0xEF || marker == JpegLsMarkers.Com))
                    {
                        throw new DicomFormatException($"JPEG-LS: unexpected marker FF{marker:X2}", markerOffset);
                    }

                    break;
            }

            pos += length;
        }
    }

    private readonly record struct ScanInfo(int Near, int Interleave, int Count, int C0, int C1, int C2);

    private static ScanInfo ParseScan(ReadOnlySpan<byte> s, ReadOnlySpan<byte> ids, int offset, Span<bool> done)
    {
        if (s.Length < 1)
        {
            throw new DicomFormatException("JPEG-LS SOS segment too short", offset);
        }

        int count = s[0];
        if (count < 1 || count > ids.Length || s.Length < 1 + 2 * count + 3)
        {
            throw new DicomFormatException($"JPEG-LS scan with {count} components", offset);
        }

        Span<int> indices = stackalloc int[3];
        for (int i = 0; i < count; i++)
        {
            int index = ids.IndexOf(s[1 + 2 * i]);
            if (index < 0 || done[index])
            {
                throw new DicomFormatException("JPEG-LS scan names an unknown or repeated component", offset);
            }

            if (s[2 + 2 * i] != 0)
            {
                throw new DicomCodecException("JPEG-LS: mapping tables are not supported");
            }

            done[index] = true;
            indices[i] = index;
        }

        int near = s[1 + 2 * count];
        int ilv = s[2 + 2 * count];
        int pointTransform = s[3 + 2 * count] & 0x0F;
        if (pointTransform != 0)
        {
            throw new DicomCodecException("JPEG-LS: point transform is not supported");
        }

        if (ilv > 2 || (ilv == 0 && count != 1))
        {
            throw new DicomFormatException($"JPEG-LS: interleave mode {ilv} with {count} components", offset);
        }

        return new ScanInfo(near, ilv, count, indices[0], indices[1], indices[2]);
    }

    private static void DecodeScan(JpegLsBitReader reader, JpegLsPresets presets, PixelFormat f, Span<byte> destination, ScanInfo scan, long restartInterval)
    {
        int width = f.Columns;
        int count = scan.Count;
        var contexts = new JpegLsContexts(presets);
        var coder = new JpegLsLineDecoder(contexts, reader);
        var previous = new int[count][];
        var current = new int[count][];
        Span<int> runIndex = stackalloc int[count];
        Span<int> target = [scan.C0, scan.C1, scan.C2];
        for (int c = 0; c < count; c++)
        {
            previous[c] = new int[width + 2];
            current[c] = new int[width + 2];
        }

        int bitsStored = Math.Min(f.BitsStored, f.BitsAllocated);
        if (scan.Interleave == 2 && count > 1)
        {
            int sampleRunIndex = 0;
            for (int y = 0; y < f.Rows; y++)
            {
                if (IsRestart(y, restartInterval))
                {
                    Restart(reader, contexts, previous, runIndex);
                    sampleRunIndex = 0;
                }

                coder.DecodeSampleInterleavedLine(previous, current, width, ref sampleRunIndex);
                for (int c = 0; c < count; c++)
                {
                    NativeLines.Store(current[c], destination, f, y, target[c], f.IsSigned, bitsStored);
                    (previous[c], current[c]) = (current[c], previous[c]);
                }
            }

            return;
        }

        for (int y = 0; y < f.Rows; y++)
        {
            if (IsRestart(y, restartInterval))
            {
                Restart(reader, contexts, previous, runIndex);
            }

            for (int c = 0; c < count; c++)
            {
                coder.DecodeLine(previous[c], current[c], width, ref runIndex[c]);
                NativeLines.Store(current[c], destination, f, y, target[c], f.IsSigned, bitsStored);
                (previous[c], current[c]) = (current[c], previous[c]);
            }
        }
    }

    private static bool IsRestart(int line, long interval) => interval > 0 && line > 0 && line % interval == 0;

    /// <summary>
    /// Starts a restart interval: the RSTm marker, then the state of a new scan (contexts, run indices, and a zero
    /// line above), because restart intervals are coded independently of each other.
    /// </summary>
    private static void Restart(JpegLsBitReader reader, JpegLsContexts contexts, int[][] previous, Span<int> runIndex)
    {
        reader.Restart();
        contexts.Reset();
        runIndex.Clear();
        foreach (var line in previous)
        {
            Array.Clear(line);
        }
    }

    /// <summary>The first marker after the scan: FFH followed by a byte with the high bit set (T.87 §9.1).</summary>
    private static int FindScanEnd(ReadOnlySpan<byte> data, int start)
    {
        int pos = start;
        while (true)
        {
            int ff = data[pos..].IndexOf((byte)0xFF);
            if (ff < 0)
            {
                return data.Length;
            }

            pos += ff;
            if (pos + 1 >= data.Length || data[pos + 1] >= 0x80)
            {
                return pos;
            }

            pos++;
        }
    }
}
