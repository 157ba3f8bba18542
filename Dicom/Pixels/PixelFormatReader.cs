using CloudFilm.Dicom.Data;

namespace CloudFilm.Dicom.Pixels;

/// <summary>Reads a <see cref="PixelFormat"/> from the Image Pixel module of a data set (PS3.3 C.7.6.3).</summary>
public static class PixelFormatReader
{
    /// <summary>The pixel format of a data set; throws <see cref="DicomException"/> for missing or impossible attributes.</summary>
    public static PixelFormat Read(DicomDataset dataset) => Read(dataset, new DicomTag(0x7FE0, 0x0010));

    internal static PixelFormat Read(DicomDataset dataset, DicomTag pixelTag)
    {
        var rows = Required(dataset, 0x0010);
        var columns = Required(dataset, 0x0011);
        var samples = dataset.GetValueOrDefault(new DicomTag(0x0028, 0x0002), 1);
        // Float and Double Float Pixel Data carry no Bits Stored or High Bit (PS3.3 C.7.6.3.1.4).
        var defaultBits = pixelTag.Element == 0x0008 ? 32 : pixelTag.Element == 0x0009 ? 64 : 0;
        var bitsAllocated = dataset.GetValueOrDefault(new DicomTag(0x0028, 0x0100), defaultBits);
        if (bitsAllocated is not (1 or 8 or 16 or 24 or 32 or 40 or 48 or 56 or 64))
        {
            throw new DicomException($"Bits Allocated {bitsAllocated} is not 1 or a multiple of 8");
        }
        var bitsStored = dataset.GetValueOrDefault(new DicomTag(0x0028, 0x0101), bitsAllocated);
        var highBit = dataset.GetValueOrDefault(new DicomTag(0x0028, 0x0102), bitsStored - 1);
        var signed = dataset.GetValueOrDefault(new DicomTag(0x0028, 0x0103), 0) == 1;
        var photometric = dataset.GetString(new DicomTag(0x0028, 0x0004))?.Trim() ?? (samples == 3 ? "RGB" : "MONOCHROME2");
        var planar = dataset.GetValueOrDefault(new DicomTag(0x0028, 0x0006), 0) == 1 ? PlanarConfiguration.Planar : PlanarConfiguration.Interleaved;
        if (samples < 1 || samples > 4 || bitsStored < 1 || bitsStored > bitsAllocated)
        {
            throw new DicomException($"inconsistent pixel description: samples {samples}, bits stored {bitsStored} of {bitsAllocated}");
        }
        return new PixelFormat(rows, columns, samples, bitsAllocated, bitsStored, highBit, signed, photometric, planar);
    }

    private static int Required(DicomDataset dataset, ushort element)
    {
        var tag = new DicomTag(0x0028, element);
        return dataset.TryGetValue<int>(tag, out var value) && value > 0
            ? value
            : throw new DicomException($"pixel data without a valid {(element == 0x0010 ? "Rows" : "Columns")} {tag}");
    }
}
