using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Imaging;

/// <summary>Reads the Image Pixel module (PS3.3 C.7.6.3) of a data set into a <see cref="PixelFormat"/>.</summary>
public static class ImagePixelModuleReader
{
    /// <summary>
    /// Rows, Columns and Bits Allocated are required; the rest take their usual values when absent or broken
    /// (Bits Stored = Bits Allocated, High Bit = Bits Stored − 1, unsigned, MONOCHROME2 or RGB, interleaved).
    /// </summary>
    public static PixelFormat Read(DicomDataset dataset)
    {
        int rows = Required(dataset, DicomTags.Rows);
        int columns = Required(dataset, DicomTags.Columns);
        int allocated = Required(dataset, DicomTags.BitsAllocated);
        if (allocated != 1 && (allocated % 8 != 0 || allocated > 32))
        {
            throw new DicomException($"Bits Allocated {allocated} is neither 1 nor a multiple of 8 up to 32");
        }

        int samples = dataset.GetValueOrDefault(DicomTags.SamplesPerPixel, 1);
        int stored = dataset.GetValueOrDefault(DicomTags.BitsStored, allocated);
        if (stored < 1 || stored > allocated)
        {
            stored = allocated;
        }

        int highBit = dataset.GetValueOrDefault(DicomTags.HighBit, stored - 1);
        bool signed = dataset.GetValueOrDefault(DicomTags.PixelRepresentation, 0) == 1;
        string photometric = dataset.GetString(DicomTags.PhotometricInterpretation) is { Length: > 0 } p
            ? p.Trim().ToUpperInvariant()
            : samples == 1 ? "MONOCHROME2" : "RGB";
        var planar = dataset.GetValueOrDefault(DicomTags.PlanarConfiguration, 0) == 1 && samples > 1
            ? PlanarConfiguration.Planar
            : PlanarConfiguration.Interleaved;
        return new PixelFormat(rows, columns, samples, allocated, stored, highBit, signed, photometric, planar);
    }

    /// <summary>Number of Frames (0028,0008); 1 when absent or not a positive number.</summary>
    public static int ReadFrameCount(DicomDataset dataset) =>
        dataset.TryGetValue(DicomTags.NumberOfFrames, out int frames) && frames > 0 ? frames : 1;

    private static int Required(DicomDataset dataset, DicomTag tag) =>
        dataset.TryGetValue(tag, out int value) && value > 0
            ? value
            : throw new DicomException($"image without a usable {tag}");
}
