using System.Buffers;
using System.Buffers.Binary;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Codecs.Rle;

/// <summary>
/// RLE Lossless (1.2.840.10008.1.2.5), PS3.5 Annex G: a 64-byte header of 16 little-endian words (segment count,
/// then offsets), one segment per byte plane, per sample most significant byte first. Decoded frames come out
/// interleaved (Planar Configuration 0) whatever the source's planar configuration was.
/// </summary>
public sealed class RleCodec : IPixelCodec
{
    private const int HeaderLength = 64;
    private const int MaxSegments = 15;

    public string TransferSyntaxUid => DicomUids.RLELossless;

    public bool CanEncode => true;

    /// <inheritdoc />
    public PixelFormat Decode(ReadOnlySpan<byte> frame, PixelFormat format, Span<byte> destination)
    {
        var output = Probe(frame, format);
        CodecFrameChecks.RequireDestination(output, destination);
        int bytesPerSample = format.BytesPerSample;
        int samples = format.SamplesPerPixel;
        int count = bytesPerSample * samples;
        Span<int> offsets = stackalloc int[MaxSegments + 1];
        ReadOffsets(frame, count, offsets);
        int pixels = format.Rows * format.Columns;
        var target = destination[..(int)output.FrameLength];
        for (int sample = 0; sample < samples; sample++)
        {
            for (int b = 0; b < bytesPerSample; b++)
            {
                int segment = sample * bytesPerSample + b;
                int lane = sample * bytesPerSample + (bytesPerSample - 1 - b);
                var data = frame[offsets[segment]..offsets[segment + 1]];
                PackBits.Decode(data, target[lane..], count, pixels, segment);
            }
        }

        return output;
    }

    /// <inheritdoc />
    public PixelFormat Probe(ReadOnlySpan<byte> frame, PixelFormat format)
    {
        CheckFormat(format);
        var output = CodecFrameChecks.Decoded(format, "RLE");
        if (frame.Length < HeaderLength)
        {
            throw new DicomFormatException($"RLE frame of {frame.Length} bytes is shorter than its 64-byte header", 0);
        }

        int count = format.BytesPerSample * format.SamplesPerPixel;
        Span<int> offsets = stackalloc int[MaxSegments + 1];
        ReadOffsets(frame, count, offsets);

        // A PackBits replicate run turns 2 bytes into at most 128 (PS3.5 G.3.1), so a segment shorter than
        // pixels / 64 bytes cannot hold the image the data set declares.
        long pixels = (long)format.Rows * format.Columns;
        for (int s = 0; s < count; s++)
        {
            if ((long)(offsets[s + 1] - offsets[s]) * 64 < pixels)
            {
                throw new DicomFormatException(
                    $"RLE segment {s} holds {offsets[s + 1] - offsets[s]} bytes, too few for {format.Columns}x{format.Rows} pixels", 4 + 4 * s);
            }
        }

        return output;
    }

    /// <summary>Segment offsets from the RLE header (PS3.5 G.5), with the frame end as the last segment's end.</summary>
    private static void ReadOffsets(ReadOnlySpan<byte> frame, int expected, Span<int> offsets)
    {
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (count != expected)
        {
            throw new DicomFormatException($"RLE header declares {count} segments, the pixel format needs {expected}", 0);
        }

        for (int s = 0; s < count; s++)
        {
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(frame[(4 + 4 * s)..]);
            if (offset < HeaderLength || offset > frame.Length || (s > 0 && offset < offsets[s - 1]))
            {
                throw new DicomFormatException($"RLE segment {s} offset {offset} is outside the frame or out of order", 4 + 4 * s);
            }

            offsets[s] = (int)offset;
        }

        offsets[(int)count] = frame.Length;
    }

    /// <inheritdoc />
    public EncodedFrame Encode(ReadOnlySpan<byte> frame, PixelFormat format)
    {
        CheckFormat(format);
        CodecFrameChecks.RequireSource(format, frame);
        int bytesPerSample = format.BytesPerSample;
        int samples = format.SamplesPerPixel;
        int segments = bytesPerSample * samples;
        int rows = format.Rows;
        int columns = format.Columns;
        int pixels = rows * columns;
        bool planar = format.Planar == PlanarConfiguration.Planar && samples > 1;

        // Each row costs at most columns + ceil(columns/128) bytes; plus one pad byte per segment.
        long bound = HeaderLength + (long)segments * (rows * (columns + columns / 128 + 1L) + 1);
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(bound, int.MaxValue));
        try
        {
            var header = buffer.AsSpan(0, HeaderLength);
            header.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)segments);
            int position = HeaderLength;
            for (int sample = 0; sample < samples; sample++)
            {
                for (int b = 0; b < bytesPerSample; b++)
                {
                    int segment = sample * bytesPerSample + b;
                    BinaryPrimitives.WriteUInt32LittleEndian(header[(4 + 4 * segment)..], (uint)position);
                    int byteInSample = bytesPerSample - 1 - b;
                    int stride = planar ? bytesPerSample : segments;
                    int first = planar ? sample * pixels * bytesPerSample + byteInSample : sample * bytesPerSample + byteInSample;
                    for (int row = 0; row < rows; row++)
                    {
                        var rowBytes = frame[(first + row * columns * stride)..];
                        position += PackBits.EncodeRow(rowBytes, stride, columns, buffer.AsSpan(position));
                    }

                    if ((position & 1) != 0)
                    {
                        buffer[position++] = 0;
                    }
                }
            }

            return new EncodedFrame(buffer.AsSpan(0, position).ToArray(), format);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void CheckFormat(PixelFormat format)
    {
        CodecFrameChecks.RequireGeometry(format, "RLE");
        if (format.BitsAllocated is not (8 or 16 or 32) || format.BitsAllocated * format.SamplesPerPixel / 8 > MaxSegments)
        {
            throw new DicomCodecException($"RLE: {format.BitsAllocated} bits allocated with {format.SamplesPerPixel} samples not supported");
        }
    }
}
