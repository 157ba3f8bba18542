using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Interop.Tests.Core;

/// <summary>Files pydicom writes in each syntax it can, with Chinese text and a nested sequence, read by us.</summary>
public class WrittenByPydicomTests
{
    private const string Script = """
        import sys, numpy
        import pydicom
        from pydicom.dataset import Dataset, FileMetaDataset
        from pydicom.sequence import Sequence
        from pydicom.uid import ImplicitVRLittleEndian, ExplicitVRLittleEndian, ExplicitVRBigEndian, DeflatedExplicitVRLittleEndian
        syntaxes = {'implicit': ImplicitVRLittleEndian, 'explicit': ExplicitVRLittleEndian,
                    'bigendian': ExplicitVRBigEndian, 'deflated': DeflatedExplicitVRLittleEndian}
        folder, charset, encoding = sys.argv[1], sys.argv[2], sys.argv[3]
        for name, uid in syntaxes.items():
            ds = Dataset()
            ds.SpecificCharacterSet = charset
            ds.SOPClassUID = '1.2.840.10008.5.1.4.1.1.7'
            ds.SOPInstanceUID = '2.25.42'
            ds.PatientName = 'Zhang^San=张^三=zhang^san'
            ds.StudyDescription = '胸部 CT'
            item = Dataset()
            item.CodeMeaning = '胸'
            ds.AnatomicRegionSequence = Sequence([item])
            ds.Rows, ds.Columns = 4, 3
            ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, 'MONOCHROME2'
            ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
            ds.SmallestImagePixelValue = -5
            ds.PixelData = numpy.arange(-6, 6, dtype='<i2').reshape(4, 3).astype('>i2' if uid == ExplicitVRBigEndian else '<i2').tobytes()
            ds.file_meta = FileMetaDataset()
            ds.file_meta.TransferSyntaxUID = uid
            ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
            ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
            ds.is_little_endian = uid != ExplicitVRBigEndian
            ds.is_implicit_VR = uid == ImplicitVRLittleEndian
            ds.save_as(f'{folder}/{name}.dcm', write_like_original=False)
        """;

    [Theory]
    [InlineData("ISO_IR 192", "utf-8")]
    [InlineData("GB18030", "gb18030")]
    public void Pydicom_files_in_every_syntax_read_with_the_same_values(string characterSet, string encoding)
    {
        using var temp = new TempDirectory();
        ExternalTool.Pydicom(Script, temp.Path, characterSet, encoding);

        foreach (var name in new[] { "implicit", "explicit", "bigendian", "deflated" })
        {
            var file = DicomFile.Open(temp.File(name + ".dcm"));
            var ds = file.Dataset;

            ds.GetString(DicomTags.PatientName).Should().Be("Zhang^San=张^三=zhang^san", name);
            ds.GetString(DicomTags.StudyDescription).Should().Be("胸部 CT", name);
            ds.FindSequence(DicomTags.AnatomicRegionSequence)!.Items[0].GetString(DicomTags.CodeMeaning).Should().Be("胸", name);
            ds.GetValue<int>(DicomTags.SmallestImagePixelValue).Should().Be(-5, name + ": US or SS follows Pixel Representation");
            var pixels = DicomPixelData.Create(ds, file.TransferSyntax).DecodeFrame(0).Pixels;
            Enumerable.Range(0, 12).Select(i => BitConverter.ToInt16(pixels, i * 2)).Should().Equal(Enumerable.Range(-6, 12).Select(i => (short)i), name);
        }
    }
}
