namespace CloudFilm.Dicom.Interop.Tests.Imaging;

/// <summary>An independent PNG reader for the tests: Python's zlib and CRC-32, all five row filters.</summary>
internal static class PythonPng
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

    /// <summary>"width height colourtype" on one line, then the hex of the unfiltered pixel bytes.</summary>
    public static string DecodeText(string path) => ExternalTool.Python(DecodeScript, path);

    public static (int Width, int Height, int ColorType, byte[] Pixels) Decode(string path)
    {
        var lines = DecodeText(path).Split('\n');
        var header = lines[0].Split(' ');
        return (int.Parse(header[0]), int.Parse(header[1]), int.Parse(header[2]), Convert.FromHexString(lines[1]));
    }
}
