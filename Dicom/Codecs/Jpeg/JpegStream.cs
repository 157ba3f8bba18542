using System.Buffers.Binary;

namespace CloudFilm.Dicom.Codecs.Jpeg;

/// <summary>
/// Walks the marker segments of a JPEG interchange stream (T.81 Annex B): keeps the tables (DQT, DHT), restart
/// interval (DRI) and frame header (SOFn), and stops at each SOS so a process-specific decoder can read the scan.
/// Every length is checked against the data before use.
/// </summary>
internal sealed class JpegStream
{
    private readonly int _length;
    private int _position;

    public JpegStream(ReadOnlySpan<byte> data)
    {
        _length = data.Length;
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            throw new DicomFormatException("JPEG stream does not start with SOI", 0);
        }

        _position = 2;
    }

    public int FrameMarker { get; private set; }
    public int Precision { get; private set; }
    public int Height { get; private set; }
    public int Width { get; private set; }
    public JpegComponent[] Components { get; private set; } = [];
    public int RestartInterval { get; private set; }
    public ushort[]?[] QuantTables { get; } = new ushort[4][];
    public HuffmanTable?[] DcTables { get; } = new HuffmanTable[4];
    public HuffmanTable?[] AcTables { get; } = new HuffmanTable[4];

    /// <summary>Adobe APP14 colour transform flag (0 = none, 1 = YCbCr, 2 = YCCK), or −1 when absent.</summary>
    public int AdobeTransform { get; private set; } = -1;

    /// <summary>Reads segments up to the next SOS and returns it, or null at EOI or the end of the data.</summary>
    public JpegScanHeader? NextScan(ReadOnlySpan<byte> data)
    {
        while (true)
        {
            while (_position < _length && data[_position] != 0xFF)
            {
                _position++;
            }

            while (_position < _length && data[_position] == 0xFF)
            {
                _position++;
            }

            if (_position >= _length)
            {
                return null;
            }

            int marker = data[_position++];
            int markerOffset = _position - 2;
            if (marker == 0xD9)
            {
                return null;
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0x01 or 0x00)
            {
                continue;
            }

            if (_position + 2 > _length)
            {
                throw new DicomFormatException("JPEG marker segment truncated", markerOffset);
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[_position..]);
            if (length < 2 || _position + length > _length)
            {
                throw new DicomFormatException($"JPEG marker FF{marker:X2} declares length {length} past the end", markerOffset);
            }

            var segment = data.Slice(_position + 2, length - 2);
            _position += length;
            switch (marker)
            {
                case 0xDB:
                    ReadQuantTables(segment, markerOffset);
                    break;
                case 0xC4:
                    ReadHuffmanTables(segment, markerOffset);
                    break;
                case 0xDD:
                    if (segment.Length < 2)
                    {
                        throw new DicomFormatException("JPEG DRI segment too short", markerOffset);
                    }

                    RestartInterval = BinaryPrimitives.ReadUInt16BigEndian(segment);
                    break;
                case 0xEE:
                    if (segment.Length >= 12 && segment[..5].SequenceEqual("Adobe"u8))
                    {
                        AdobeTransform = segment[11];
                    }

                    break;
                case >= 0xC0 and <= 0xCF when marker is not (0xC4 or 0xC8 or 0xCC):
                    ReadFrameHeader(marker, segment, markerOffset);
                    break;
                case 0xDA:
                    return ReadScanHeader(segment, markerOffset);
                default:
                    // APPn, COM, DNL and others carry nothing the decoders need.
                    break;
            }
        }
    }

    private void ReadFrameHeader(int marker, ReadOnlySpan<byte> s, int offset)
    {
        if (FrameMarker != 0)
        {
            throw new DicomFormatException("JPEG stream has two frame headers", offset);
        }

        if (s.Length < 6)
        {
            throw new DicomFormatException("JPEG SOF segment too short", offset);
        }

        FrameMarker = marker;
        Precision = s[0];
        Height = BinaryPrimitives.ReadUInt16BigEndian(s[1..]);
        Width = BinaryPrimitives.ReadUInt16BigEndian(s[3..]);
        int count = s[5];
        if (count < 1 || count > 4 || s.Length < 6 + 3 * count)
        {
            throw new DicomFormatException($"JPEG frame with {count} components", offset);
        }

        Components = new JpegComponent[count];
        for (int i = 0; i < count; i++)
        {
            int h = s[7 + 3 * i] >> 4;
            int v = s[7 + 3 * i] & 15;
            int tq = s[8 + 3 * i];
            if (h is < 1 or > 4 || v is < 1 or > 4 || tq > 3)
            {
                throw new DicomFormatException("JPEG component sampling factors or table out of range", offset);
            }

            Components[i] = new JpegComponent(s[6 + 3 * i], h, v, tq) { Index = i };
        }
    }

    private JpegScanHeader ReadScanHeader(ReadOnlySpan<byte> s, int offset)
    {
        if (FrameMarker == 0)
        {
            throw new DicomFormatException("JPEG scan before the frame header", offset);
        }

        int count = s.Length > 0 ? s[0] : 0;
        if (count < 1 || count > 4 || s.Length < 1 + 2 * count + 3)
        {
            throw new DicomFormatException($"JPEG scan with {count} components", offset);
        }

        var components = new JpegComponent[count];
        for (int i = 0; i < count; i++)
        {
            int id = s[1 + 2 * i];
            var component = Array.Find(Components, c => c.Id == id)
                ?? throw new DicomFormatException($"JPEG scan names unknown component {id}", offset);
            component.DcTable = s[2 + 2 * i] >> 4;
            component.AcTable = s[2 + 2 * i] & 15;
            if (component.DcTable > 3 || component.AcTable > 3)
            {
                throw new DicomFormatException("JPEG scan selects a Huffman table out of range", offset);
            }

            components[i] = component;
        }

        int ss = s[1 + 2 * count];
        int se = s[2 + 2 * count];
        int a = s[3 + 2 * count];
        return new JpegScanHeader(components, ss, se, a >> 4, a & 15, _position);
    }

    /// <summary>Moves past a scan's entropy-coded data: to <paramref name="position"/>, where the reader stopped.</summary>
    public void SkipTo(int position) => _position = Math.Max(_position, position);

    private void ReadQuantTables(ReadOnlySpan<byte> s, int offset)
    {
        int pos = 0;
        while (pos < s.Length)
        {
            int pq = s[pos] >> 4;
            int tq = s[pos] & 15;
            int size = pq == 0 ? 64 : 128;
            if (tq > 3 || pq > 1 || pos + 1 + size > s.Length)
            {
                throw new DicomFormatException("JPEG DQT segment malformed", offset);
            }

            var table = new ushort[64];
            for (int i = 0; i < 64; i++)
            {
                table[i] = pq == 0 ? s[pos + 1 + i] : BinaryPrimitives.ReadUInt16BigEndian(s[(pos + 1 + 2 * i)..]);
            }

            QuantTables[tq] = table;
            pos += 1 + size;
        }
    }

    private void ReadHuffmanTables(ReadOnlySpan<byte> s, int offset)
    {
        int pos = 0;
        while (pos < s.Length)
        {
            if (pos + 17 > s.Length)
            {
                throw new DicomFormatException("JPEG DHT segment malformed", offset);
            }

            int tc = s[pos] >> 4;
            int th = s[pos] & 15;
            var counts = s.Slice(pos + 1, 16);
            int total = 0;
            foreach (var c in counts)
            {
                total += c;
            }

            if (tc > 1 || th > 3 || total > 256 || pos + 17 + total > s.Length)
            {
                throw new DicomFormatException("JPEG DHT segment malformed", offset);
            }

            var table = new HuffmanTable(counts, s.Slice(pos + 17, total), offset);
            (tc == 0 ? DcTables : AcTables)[th] = table;
            pos += 17 + total;
        }
    }
}
