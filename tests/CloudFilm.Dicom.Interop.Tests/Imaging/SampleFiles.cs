namespace CloudFilm.Dicom.Interop.Tests.Imaging;

/// <summary>
/// DICOM files to render: pydicom's own test files, and small files made at test time with pydicom for cases those
/// lack (MONOCHROME1, Presentation LUT Shape, SIGMOID, PALETTE COLOR, signed 12-bit with overlay bits, planar RGB, YBR_FULL, multi-frame, VOI LUT,
/// Modality LUT).
/// </summary>
internal static class SampleFiles
{
    public const string PydicomTestFiles = "/usr/lib/python3/dist-packages/pydicom/data/test_files";

    private static readonly Lazy<string> Generated = new(Generate);

    public static string Pydicom(string name)
    {
        string path = Path.Combine(PydicomTestFiles, name);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: install Debian's python3-pydicom to run the imaging interop tests");
        }

        return path;
    }

    public static string Made(string name) => Path.Combine(Generated.Value, name);

    private static string Generate()
    {
        // One fixed directory, remade on each run, so runs leave at most one set of files behind.
        string directory = Path.Combine(Path.GetTempPath(), "cloudfilm-imaging-samples");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        ExternalTool.Python(MakeScript, directory, PydicomTestFiles);
        return directory;
    }

    // Writes each case with pydicom (no numpy needed: pixel data is built as bytes).
    private const string MakeScript = """
import os, random, struct, sys
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

out, samples = sys.argv[1], sys.argv[2]
rnd = random.Random(1234)

def base(rows, cols, spp, bits, stored, signed, photometric, frames=1):
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.7'
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.Modality = 'OT'
    ds.Rows, ds.Columns, ds.SamplesPerPixel = rows, cols, spp
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = bits, stored, stored - 1
    ds.PixelRepresentation = 1 if signed else 0
    ds.PhotometricInterpretation = photometric
    if spp > 1:
        ds.PlanarConfiguration = 0
    if frames > 1:
        ds.NumberOfFrames = frames
    ds.is_little_endian, ds.is_implicit_VR = True, False
    return ds

def save(ds, name, pixels, vr):
    ds.add_new(0x7FE00010, vr, bytes(pixels) + (b'\0' if len(pixels) % 2 else b''))
    ds.save_as(os.path.join(out, name), write_like_original=False)

# MONOCHROME1: MR_small with the polarity flipped.
mr = pydicom.dcmread(os.path.join(samples, 'MR_small.dcm'))
mr.PhotometricInterpretation = 'MONOCHROME1'
mr.save_as(os.path.join(out, 'mono1.dcm'))
# The same inversion named twice (MONOCHROME1 and INVERSE), INVERSE on MONOCHROME2, and a SIGMOID window.
mr.PresentationLUTShape = 'INVERSE'
mr.save_as(os.path.join(out, 'mono1_inverse.dcm'))
mr.PhotometricInterpretation = 'MONOCHROME2'
mr.save_as(os.path.join(out, 'mono2_inverse.dcm'))
del mr.PresentationLUTShape
mr.VOILUTFunction = 'SIGMOID'
mr.save_as(os.path.join(out, 'sigmoid.dcm'))

# Signed 12 of 16 bits with random junk above the high bit, and a rescale.
ds = base(64, 64, 1, 16, 12, True, 'MONOCHROME2')
ds.RescaleSlope, ds.RescaleIntercept = '2', '-100'
ds.WindowCenter, ds.WindowWidth = '0', '3000'
px = bytearray()
for i in range(64 * 64):
    v = (i * 7 % 4096 - 2048) & 0x0FFF
    px += struct.pack('<H', v | (rnd.randrange(16) << 12))
save(ds, 'signed12.dcm', px, 'OW')

# Signed 16-bit ramp -1000..3095 whose first 256 pixels are Pixel Padding Value -2000; no window.
ds = base(64, 64, 1, 16, 16, True, 'MONOCHROME2')
ds.add_new(0x00280120, 'SS', -2000)
save(ds, 'padding.dcm', b''.join(struct.pack('<h', -2000 if i < 256 else i - 1000) for i in range(64 * 64)), 'OW')

# Two windows with explanations: the second one is picked by index.
ds = base(32, 32, 1, 16, 12, False, 'MONOCHROME2')
ds.WindowCenter, ds.WindowWidth = ['1000', '3000'], ['500', '2000']
ds.WindowCenterWidthExplanation = ['NARROW', 'WIDE']
save(ds, 'two_windows.dcm', b''.join(struct.pack('<H', (i * 4) % 4096) for i in range(32 * 32)), 'OW')

# PALETTE COLOR with signed 16-bit pixels: the descriptor's first mapped value is -512 (SS).
ds = base(32, 32, 1, 16, 16, True, 'PALETTE COLOR')
for colour, tag, f in (('Red', 0x00281201, lambda i: i * 64), ('Green', 0x00281202, lambda i: 65535 - i * 64), ('Blue', 0x00281203, lambda i: 32768)):
    ds.add_new({'Red': 0x00281101, 'Green': 0x00281102, 'Blue': 0x00281103}[colour], 'SS', [1024, -512, 16])
    ds.add_new(tag, 'OW', b''.join(struct.pack('<H', f(i) & 0xFFFF) for i in range(1024)))
save(ds, 'palette_signed.dcm', b''.join(struct.pack('<h', i - 600) for i in range(32 * 32)), 'OW')

# PALETTE COLOR, 8-bit ramp with the hot iron palette (8-bit entries packed one per byte).
pal = pydicom.dcmread(os.path.join(os.path.dirname(samples), 'palettes', 'hotiron.dcm'))
ds = base(32, 64, 1, 8, 8, False, 'PALETTE COLOR')
for colour in ('Red', 'Green', 'Blue'):
    setattr(ds, colour + 'PaletteColorLookupTableDescriptor', getattr(pal, colour + 'PaletteColorLookupTableDescriptor'))
    setattr(ds, colour + 'PaletteColorLookupTableData', getattr(pal, colour + 'PaletteColorLookupTableData'))
save(ds, 'palette8.dcm', bytes((x * 4 + y) % 256 for y in range(32) for x in range(64)), 'OB')

# PALETTE COLOR, 16-bit data and 16-bit entries (4096 entries from a first mapped value of 100).
ds = base(32, 32, 1, 16, 12, False, 'PALETTE COLOR')
entries = 4096
for colour, f in (('Red', lambda i: i * 16), ('Green', lambda i: 65535 - i * 16), ('Blue', lambda i: (i * 37) % 65536)):
    setattr(ds, colour + 'PaletteColorLookupTableDescriptor', [entries, 100, 16])
    ds.add_new({'Red': 0x00281201, 'Green': 0x00281202, 'Blue': 0x00281203}[colour], 'OW',
               b''.join(struct.pack('<H', f(i) & 0xFFFF) for i in range(entries)))
save(ds, 'palette16.dcm', b''.join(struct.pack('<H', (i * 5) % 4096) for i in range(32 * 32)), 'OW')

# RGB planar and YBR_FULL interleaved, random pixels.
ds = base(16, 16, 3, 8, 8, False, 'RGB')
ds.PlanarConfiguration = 1
save(ds, 'rgb_planar.dcm', bytes(rnd.randrange(256) for _ in range(16 * 16 * 3)), 'OB')
ds = base(16, 16, 3, 8, 8, False, 'YBR_FULL')
save(ds, 'ybr_full.dcm', bytes(rnd.randrange(256) for _ in range(16 * 16 * 3)), 'OB')

# Three 8-bit frames, each a different pattern.
ds = base(16, 16, 1, 8, 8, False, 'MONOCHROME2', frames=3)
save(ds, 'multiframe8.dcm', bytes((f * 80 + x * 3 + y * 5) % 256 for f in range(3) for y in range(16) for x in range(16)), 'OB')

# Unsigned 12-bit with a VOI LUT Sequence (a curve, 12-bit entries) and a window that the LUT replaces.
ds = base(32, 32, 1, 16, 12, False, 'MONOCHROME2')
ds.WindowCenter, ds.WindowWidth = '2048', '100'
item = Dataset()
item.LUTDescriptor = [4096, 0, 12]
item.add_new(0x00283006, 'OW', b''.join(struct.pack('<H', int(4095 * (i / 4095) ** 0.5)) for i in range(4096)))
ds.VOILUTSequence = [item]
save(ds, 'voilut.dcm', b''.join(struct.pack('<H', (i * 4) % 4096) for i in range(32 * 32)), 'OW')

# Unsigned 12-bit with a Modality LUT Sequence mapping to a non-linear 16-bit output.
ds = base(32, 32, 1, 16, 12, False, 'MONOCHROME2')
item = Dataset()
item.LUTDescriptor = [4096, 0, 16]
item.ModalityLUTType = 'OD'
item.add_new(0x00283006, 'OW', b''.join(struct.pack('<H', (i * i) // 256) for i in range(4096)))
ds.ModalityLUTSequence = [item]
save(ds, 'modlut.dcm', b''.join(struct.pack('<H', (i * 4) % 4096) for i in range(32 * 32)), 'OW')
""";
}
