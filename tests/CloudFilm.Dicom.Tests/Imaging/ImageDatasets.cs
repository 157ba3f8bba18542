using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Tests.Imaging;

/// <summary>Builds small image data sets for the imaging tests.</summary>
internal static class ImageDatasets
{
    public static DicomDataset Image(PixelFormat format, byte[] pixelData, int frames = 1)
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.SamplesPerPixel, (ushort)format.SamplesPerPixel);
        dataset.Set(DicomTags.PhotometricInterpretation, format.PhotometricInterpretation);
        dataset.Set(DicomTags.Rows, (ushort)format.Rows);
        dataset.Set(DicomTags.Columns, (ushort)format.Columns);
        dataset.Set(DicomTags.BitsAllocated, (ushort)format.BitsAllocated);
        dataset.Set(DicomTags.BitsStored, (ushort)format.BitsStored);
        dataset.Set(DicomTags.HighBit, (ushort)format.HighBit);
        dataset.Set(DicomTags.PixelRepresentation, (ushort)(format.IsSigned ? 1 : 0));
        if (format.SamplesPerPixel > 1)
        {
            dataset.Set(DicomTags.PlanarConfiguration, (ushort)format.Planar);
        }

        if (frames > 1)
        {
            dataset.Set(DicomTags.NumberOfFrames, frames);
        }

        dataset.AddOrUpdate(new DicomElement(DicomTags.PixelData, format.BitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, pixelData));
        return dataset;
    }

    public static DicomElement Raw(DicomTag tag, DicomVR vr, params int[] words) => new(tag, vr, TestFormats.Words(words));
}
