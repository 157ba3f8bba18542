using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Codecs.JpegLs;

/// <summary>
/// Writes a complete JPEG-LS interchange stream for one frame (T.87 Annex C): SOI, SOF55, LSE (above 12 bits), one
/// scan (line interleaved for colour, the layout DICOM readers cope with best), EOI.
/// </summary>
internal static class JpegLsEncoder
{
    public static byte[] Encode(ReadOnlySpan<byte> frame, PixelFormat f, int near, int restartInterval = 0)
    {
        int width = f.Columns;
        int height = f.Rows;
        int components = f.SamplesPerPixel;
        int bits = Math.Max(2, f.BitsStored);
        var presets = JpegLsPresets.Create(bits, near);
        int mask = presets.MaxVal;

        using var writer = new JpegLsBitWriter((int)Math.Min(int.MaxValue, f.FrameLength / 2 + 1024));
        writer.WriteByte(0xFF);
        writer.WriteByte(JpegLsMarkers.Soi);
        WriteFrameHeader(writer, bits, height, width, components);
        if (bits > 12)
        {
            // Decoders disagree on default thresholds above 12 bits (JAI); state them.
            WritePresets(writer, presets);
        }

        if (restartInterval > 0)
        {
            writer.WriteBytes([0xFF, JpegLsMarkers.Dri, 0, 4]);
            writer.WriteUInt16BigEndian(restartInterval);
        }

        WriteScanHeader(writer, components, near);

        var contexts = new JpegLsContexts(presets);
        var coder = new JpegLsLineEncoder(contexts, writer);
        var previous = new int[components][];
        var current = new int[components][];
        Span<int> runIndex = stackalloc int[components];
        for (int c = 0; c < components; c++)
        {
            previous[c] = new int[width + 2];
            current[c] = new int[width + 2];
        }

        for (int y = 0; y < height; y++)
        {
            if (restartInterval > 0 && y > 0 && y % restartInterval == 0)
            {
                // Each interval starts afresh (T.87 C.2.5): byte-aligned RSTm, initial contexts, zero line above.
                writer.EndScan();
                writer.WriteByte(0xFF);
                writer.WriteByte((byte)(0xD0 + (y / restartInterval - 1) % 8));
                contexts.Reset();
                runIndex.Clear();
                foreach (var line in previous)
                {
                    Array.Clear(line);
                }
            }

            for (int c = 0; c < components; c++)
            {
                NativeLines.Load(frame, f, y, c, current[c], mask);
                coder.EncodeLine(previous[c], current[c], width, ref runIndex[c]);
                (previous[c], current[c]) = (current[c], previous[c]);
            }
        }

        writer.EndScan();
        writer.WriteByte(0xFF);
        writer.WriteByte(JpegLsMarkers.Eoi);
        return writer.ToArray();
    }

    private static void WriteFrameHeader(JpegLsBitWriter w, int bits, int height, int width, int components)
    {
        w.WriteByte(0xFF);
        w.WriteByte(JpegLsMarkers.Sof55);
        w.WriteUInt16BigEndian(8 + 3 * components);
        w.WriteByte((byte)bits);
        w.WriteUInt16BigEndian(height);
        w.WriteUInt16BigEndian(width);
        w.WriteByte((byte)components);
        for (int c = 0; c < components; c++)
        {
            w.WriteByte((byte)(c + 1));
            w.WriteByte(0x11);
            w.WriteByte(0);
        }
    }

    private static void WritePresets(JpegLsBitWriter w, JpegLsPresets p)
    {
        w.WriteByte(0xFF);
        w.WriteByte(JpegLsMarkers.Lse);
        w.WriteUInt16BigEndian(13);
        w.WriteByte(1);
        w.WriteUInt16BigEndian(p.MaxVal);
        w.WriteUInt16BigEndian(p.T1);
        w.WriteUInt16BigEndian(p.T2);
        w.WriteUInt16BigEndian(p.T3);
        w.WriteUInt16BigEndian(p.Reset);
    }

    private static void WriteScanHeader(JpegLsBitWriter w, int components, int near)
    {
        w.WriteByte(0xFF);
        w.WriteByte(JpegLsMarkers.Sos);
        w.WriteUInt16BigEndian(6 + 2 * components);
        w.WriteByte((byte)components);
        for (int c = 0; c < components; c++)
        {
            w.WriteByte((byte)(c + 1));
            w.WriteByte(0);
        }

        w.WriteByte((byte)near);
        w.WriteByte(components > 1 ? (byte)1 : (byte)0);
        w.WriteByte(0);
    }
}
