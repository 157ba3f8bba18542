using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.IO;

/// <summary>Small test images built at test time.</summary>
internal static class TestFiles
{
    public static DicomDataset Image(int rows = 4, int columns = 4, int frames = 1, int bitsAllocated = 16, int samples = 1)
    {
        var ds = new DicomDataset();
        ds.Set(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        ds.Set(DicomTags.SOPClassUID, DicomUids.SecondaryCaptureImageStorage);
        ds.Set(DicomTags.SOPInstanceUID, "1.2.3.4");
        ds.Set(DicomTags.PatientName, "Zhang^San=张^三");
        ds.Set(DicomTags.PatientID, "P1");
        ds.Set(DicomTags.SamplesPerPixel, (ushort)samples);
        ds.Set(DicomTags.PhotometricInterpretation, samples == 3 ? "RGB" : "MONOCHROME2");
        if (samples == 3)
        {
            ds.Set(DicomTags.PlanarConfiguration, (ushort)0);
        }
        ds.Set(DicomTags.Rows, (ushort)rows);
        ds.Set(DicomTags.Columns, (ushort)columns);
        ds.Set(DicomTags.BitsAllocated, (ushort)bitsAllocated);
        ds.Set(DicomTags.BitsStored, (ushort)(bitsAllocated == 1 ? 1 : bitsAllocated == 8 ? 8 : 12));
        ds.Set(DicomTags.HighBit, (ushort)(bitsAllocated == 1 ? 0 : bitsAllocated == 8 ? 7 : 11));
        ds.Set(DicomTags.PixelRepresentation, (ushort)0);
        if (frames > 1)
        {
            ds.Set(DicomTags.NumberOfFrames, frames);
        }
        var length = ((long)rows * columns * samples * bitsAllocated * frames + 7) / 8;
        var pixels = new byte[length + (length & 1)];
        for (var i = 0; i < length; i++)
        {
            pixels[i] = (byte)(i * 7 + 3);
        }
        ds.AddOrUpdate(new DicomElement(DicomTags.PixelData, bitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, pixels));
        return ds;
    }

    /// <summary>A data set with nested sequences of mixed length forms and a private block.</summary>
    public static DicomDataset Nested()
    {
        var ds = Image(2, 2);
        var inner = new DicomDataset().Set(DicomTags.CodeValue, "121").Set(DicomTags.CodeMeaning, "Test");
        var item = new DicomDataset { HasUndefinedLength = false }.Set(DicomTags.ReferencedSOPInstanceUID, "1.2.3");
        item.Add(new DicomSequence(DicomTags.ConceptNameCodeSequence, inner) { HasUndefinedLength = false });
        ds.Add(new DicomSequence(DicomTags.ReferencedImageSequence, item, new DicomDataset()));
        var tag = ds.GetOrReservePrivateTag(0x0029, "CLOUDFILM", 0x01);
        ds.Set(tag, DicomVR.LO, "private");
        return ds;
    }

    /// <summary>Two frames of encapsulated pixel data with a Basic Offset Table.</summary>
    public static DicomDataset Encapsulated()
    {
        var ds = Image(2, 2, frames: 2, bitsAllocated: 8);
        ds.AddOrUpdate(new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB,
            DicomBuffer.From(new byte[] { 0, 0, 0, 0, 24, 0, 0, 0 }),
            [DicomBuffer.From(new byte[] { 0xFF, 0xD8, 1, 2 }), DicomBuffer.From(new byte[] { 3, 0xFF, 0xD9, 0 }),
             DicomBuffer.From(new byte[] { 0xFF, 0xD8, 5, 6, 0xFF, 0xD9 })]));
        return ds;
    }

    public static byte[] FileBytes(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        using var memory = new MemoryStream();
        new DicomFile(dataset, syntax).Write(memory);
        return memory.ToArray();
    }
}
