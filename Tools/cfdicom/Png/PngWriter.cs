using System.Buffers.Binary;
using System.IO.Compression;
using CloudFilm.Dicom.Imaging;

namespace CloudFilm.Tools.CfDicom.Png;

/// <summary>
/// Writes a <see cref="RenderedImage"/> as an 8-bit PNG (grayscale, or RGBA): signature, IHDR, one IDAT, IEND
/// (PNG specification, 2nd edition, §5 and §11). Each row uses the Up filter, which suits the smooth gradients of
/// medical images; compression is zlib from the runtime.
/// </summary>
public static class PngWriter
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static void Write(Stream output, RenderedImage image)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(image);
        byte colorType = image.Channels switch
        {
            1 => 0,
            4 => 6,
            _ => throw new ArgumentException($"PNG output takes 1 or 4 channels, not {image.Channels}", nameof(image)),
        };

        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)image.Width);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)image.Height);
        header[8] = 8; // bit depth
        header[9] = colorType;
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method 0
        header[12] = 0; // no interlace
        WriteChunk(output, "IHDR"u8, header);

        WriteChunk(output, "IDAT"u8, Compress(image));
        WriteChunk(output, "IEND"u8, []);
    }

    private static byte[] Compress(RenderedImage image)
    {
        int stride = image.Stride;
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[stride + 1];
            row[0] = 2; // Up: each byte minus the byte above it.
            ReadOnlySpan<byte> pixels = image.Pixels;
            for (int y = 0; y < image.Height; y++)
            {
                var current = pixels.Slice(y * stride, stride);
                if (y == 0)
                {
                    current.CopyTo(row.AsSpan(1));
                }
                else
                {
                    var above = pixels.Slice((y - 1) * stride, stride);
                    for (int x = 0; x < stride; x++)
                    {
                        row[x + 1] = (byte)(current[x] - above[x]);
                    }
                }

                zlib.Write(row);
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        uint crc = Crc32.Finish(Crc32.Update(Crc32.Update(0xFFFFFFFFu, type), data));
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }
}
