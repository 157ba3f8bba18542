using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Core;

/// <summary>Data sets built at test time for the "written by us, read by them" direction.</summary>
internal static class SampleDatasets
{
    public static DicomDataset ChineseImage(string characterSet = "ISO_IR 192")
    {
        var ds = new DicomDataset();
        ds.Set(DicomTags.SpecificCharacterSet, characterSet);
        ds.Set(DicomTags.SOPClassUID, DicomUids.SecondaryCaptureImageStorage);
        ds.Set(DicomTags.SOPInstanceUID, "2.25.1234567890");
        ds.Set(DicomTags.StudyInstanceUID, "2.25.1");
        ds.Set(DicomTags.SeriesInstanceUID, "2.25.2");
        ds.Set(DicomTags.Modality, "OT");
        ds.Set(DicomTags.PatientName, "Zhang^San=张^三=zhang^san");
        ds.Set(DicomTags.PatientID, "P-001");
        ds.Set(DicomTags.StudyDescription, "胸部 CT");
        ds.Set(DicomTags.PixelSpacing, 0.5, 0.25);
        ds.Set(DicomTags.InstanceNumber, 3);
        // The item joins its sequence first, so its text is encoded in the character set it inherits.
        var item = new DicomDataset();
        ds.Add(new DicomSequence(DicomTags.AnatomicRegionSequence, item));
        item.Set(DicomTags.CodeValue, "T-D3000").Set(DicomTags.CodingSchemeDesignator, "SRT").Set(DicomTags.CodeMeaning, "胸");
        var privateTag = ds.GetOrReservePrivateTag(0x0029, "CLOUDFILM", 0x01);
        ds.Set(privateTag, DicomVR.LO, "private value");
        ds.Set(DicomTags.SamplesPerPixel, (ushort)1);
        ds.Set(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        ds.Set(DicomTags.Rows, (ushort)16);
        ds.Set(DicomTags.Columns, (ushort)16);
        ds.Set(DicomTags.BitsAllocated, (ushort)16);
        ds.Set(DicomTags.BitsStored, (ushort)12);
        ds.Set(DicomTags.HighBit, (ushort)11);
        ds.Set(DicomTags.PixelRepresentation, (ushort)0);
        var pixels = new byte[16 * 16 * 2];
        for (var i = 0; i < pixels.Length / 2; i++)
        {
            pixels[2 * i] = (byte)(i * 13);
            pixels[2 * i + 1] = (byte)(i % 16);
        }
        ds.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OW, pixels));
        return ds;
    }
}
