using CloudFilm.Dicom.Imaging;
using CloudFilm.Tools.CfDicom.Png;

namespace CloudFilm.Dicom.Interop.Tests.Imaging;

/// <summary>PNG files we write, decoded by an independent reader (Python's zlib and CRC-32, all five row filters).</summary>
public class PngWriterInteropTests
{
    // Prints "width height colourtype" then the hex of the unfiltered pixel bytes; fails on a bad CRC.
    private const string DecodeScript = """
import sys, struct, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'signature'
pos, idat, ihdr, chunks = 8, b'', None, []
while pos < len(data):
    length, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    crc, = struct.unpack('>I', data[pos + 8 + length:pos + 12 + length])
    assert zlib.crc32(kind + body) & 0xffffffff == crc, 'crc of ' + kind.decode()
    chunks.append(kind.decode())
    if kind == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)
    if kind == b'IDAT': idat += body
    pos += 12 + length
assert chunks[0] == 'IHDR' and chunks[-1] == 'IEND', chunks
w, h, depth, ctype = ihdr[0], ihdr[1], ihdr[2], ihdr[3]
assert depth == 8
bpp = {0: 1, 2: 3, 6: 4}[ctype]
raw = zlib.decompress(idat)
stride = w * bpp
out, prev = bytearray(), bytearray(stride)
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    out += line; prev = line
print(w, h, ctype)
print(out.hex())
""";

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Independent_decoder_reads_back_the_same_pixels(int channels)
    {
        var random = new Random(channels);
        var pixels = new byte[37 * 23 * channels];
        random.NextBytes(pixels);
        var image = new RenderedImage(37, 23, channels, pixels);

        var decoded = RoundTrip(image);

        decoded.Should().Be($"37 23 {(channels == 1 ? 0 : 6)}\n{Convert.ToHexString(pixels).ToLowerInvariant()}\n");
    }

    [Fact]
    public void Rendered_ct_image_survives_the_round_trip()
    {
        var image = ToolkitReader.Load(SampleFiles.Pydicom("CT_small.dcm")).Render(0, new RenderOptions { Window = new VoiWindow(40, 400) });
        RoundTrip(image).Should().EndWith(Convert.ToHexString(image.Pixels).ToLowerInvariant() + "\n");
    }

    private static string RoundTrip(RenderedImage image)
    {
        string path = Path.Combine(Path.GetTempPath(), $"cloudfilm-png-{Guid.NewGuid():N}.png");
        try
        {
            using (var file = File.Create(path))
            {
                PngWriter.Write(file, image);
            }

            return ExternalTool.Python(DecodeScript, path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
