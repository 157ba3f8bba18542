using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;

namespace CloudFilm.Dicom.Pixels;

/// <summary>Reads a <see cref="PixelFormat"/> from the Image Pixel module of a data set (PS3.3 C.7.6.3).</summary>
public static class PixelFormatReader
{
    /// <summary>The pixel format of a data set; throws <see cref="DicomException"/> for missing or impossible attributes.</summary>
    public static PixelFormat Read(DicomDataset dataset) => Read(dataset, DicomTags.PixelData);

    internal static PixelFormat Read(DicomDataset dataset, DicomTag pixelTag)
    {
        var rows = Required(dataset, DicomTags.Rows, "Rows");
        var columns = Required(dataset, DicomTags.Columns, "Columns");
        var samples = dataset.GetValueOrDefault(DicomTags.SamplesPerPixel, 1);
        // Float and Double Float Pixel Data carry no Bits Stored or High Bit (PS3.3 C.7.6.3.1.4).
        var defaultBits = pixelTag == DicomTags.FloatPixelData ? 32 : pixelTag == DicomTags.DoubleFloatPixelData ? 64 : 0;
        var bitsAllocated = dataset.GetValueOrDefault(DicomTags.BitsAllocated, defaultBits);
        if (bitsAllocated is not (1 or 8 or 16 or 24 or 32 or 40 or 48 or 56 or 64))
        {
            throw new DicomException($"Bits Allocated {bitsAllocated} is not 1 or a multiple of 8");
        }
        var bitsStored = dataset.GetValueOrDefault(DicomTags.BitsStored, bitsAllocated);
        var highBit = dataset.GetValueOrDefault(DicomTags.HighBit, bitsStored - 1);
        var signed = dataset.GetValueOrDefault(DicomTags.PixelRepresentation, 0) == 1;
        var photometric = dataset.GetString(DicomTags.PhotometricInterpretation)?.Trim() ?? (samples == 3 ? "RGB" : "MONOCHROME2");
        var planar = dataset.GetValueOrDefault(DicomTags.PlanarConfiguration, 0) == 1 ? PlanarConfiguration.Planar : PlanarConfiguration.Interleaved;
        if (samples < 1 || samples > 4 || bitsStored < 1 || bitsStored > bitsAllocated)
        {
            throw new DicomException($"inconsistent pixel description: samples {samples}, bits stored {bitsStored} of {bitsAllocated}");
        }
        return new PixelFormat(rows, columns, samples, bitsAllocated, bitsStored, highBit, signed, photometric, planar);
    }

    private static int Required(DicomDataset dataset, DicomTag tag, string name) =>
        dataset.TryGetValue<int>(tag, out var value) && value > 0
            ? value
            : throw new DicomException($"pixel data without a valid {name} {tag}");
}
