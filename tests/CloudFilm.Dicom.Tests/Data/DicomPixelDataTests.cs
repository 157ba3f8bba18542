using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Tests.IO;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Data;

public class DicomPixelDataTests
{
    [Fact]
    public void Native_frames_are_slices_of_the_pixel_data()
    {
        var ds = TestFiles.Image(2, 3, frames: 3, bitsAllocated: 16);
        var all = ds.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray();

        var pixels = DicomPixelData.Create(ds, DicomTransferSyntax.ExplicitVRLittleEndian);

        pixels.NumberOfFrames.Should().Be(3);
        pixels.Format.Should().Be(new PixelFormat(2, 3, 1, 16, 12, 11, false, "MONOCHROME2"));
        pixels.GetFrameBytes(2).ToArray().Should().Equal(all[24..36]);
        pixels.DecodeFrame(1).Pixels.Should().Equal(all[12..24]);
    }

    [Fact]
    public void One_bit_frames_that_start_mid_byte_are_repacked_from_bit_zero()
    {
        // 3x3 frames: 9 bits each, so frame 1 starts at bit 1 of byte 1.
        var ds = TestFiles.Image(3, 3, frames: 2, bitsAllocated: 1);
        ds.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OB, new byte[] { 0b1010_1010, 0b0000_0011, 0b0000_0010, 0 }));

        var pixels = DicomPixelData.Create(ds, DicomTransferSyntax.ExplicitVRLittleEndian);

        // Bits 9..17 of the stream: byte1 bits 1..7 = 1,0,0,0,0,0,0 then byte2 bits 0..1 = 0,1.
        pixels.GetFrameBytes(1).ToArray().Should().Equal(0b0000_0001, 0b0000_0001);
        pixels.GetFrameBytes(0).ToArray().Should().Equal(0b1010_1010, 0b0000_0001);
    }

    [Fact]
    public void Encapsulated_frames_follow_the_basic_offset_table()
    {
        var pixels = DicomPixelData.Create(TestFiles.Encapsulated(), DicomTransferSyntax.JPEGBaseline8Bit);

        pixels.GetFrameBytes(0).ToArray().Should().Equal(0xFF, 0xD8, 1, 2, 3, 0xFF, 0xD9, 0);
        pixels.GetFrameBytes(1).ToArray().Should().Equal(0xFF, 0xD8, 5, 6, 0xFF, 0xD9);
    }

    [Fact]
    public void Without_an_offset_table_frames_start_where_codestreams_start()
    {
        var ds = TestFiles.Encapsulated();
        ((DicomFragmentSequence)ds.Find(DicomTags.PixelData)!).OffsetTable = DicomBuffer.Empty;

        var pixels = DicomPixelData.Create(ds, DicomTransferSyntax.JPEGBaseline8Bit);

        pixels.GetFrameBytes(0).Length.Should().Be(8);
        pixels.GetFrameBytes(1).ToArray().Should().Equal(0xFF, 0xD8, 5, 6, 0xFF, 0xD9);
    }

    [Fact]
    public void Decoding_a_syntax_without_a_codec_names_the_syntax()
    {
        var pixels = DicomPixelData.Create(TestFiles.Encapsulated(), DicomTransferSyntax.Lookup("1.2.3.999"));

        var act = () => pixels.DecodeFrame(0);

        act.Should().Throw<DicomCodecException>().WithMessage("*1.2.3.999*");
    }

    [Fact]
    public void Native_to_native_transcoding_keeps_pixels_and_values()
    {
        var source = new DicomFile(TestFiles.Image(8, 8, frames: 2), DicomTransferSyntax.ExplicitVRLittleEndian);

        var result = DicomTranscoder.Transcode(source, DicomTransferSyntax.ImplicitVRLittleEndian);
        using var memory = new MemoryStream();
        result.Write(memory);
        var read = DicomFile.Read(new MemoryStream(memory.ToArray()));

        read.TransferSyntax.Should().Be(DicomTransferSyntax.ImplicitVRLittleEndian);
        read.Dataset.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray()
            .Should().Equal(source.Dataset.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray());
        read.Dataset.GetString(DicomTags.PatientName).Should().Be("Zhang^San=张^三");
    }

    [Fact]
    public void Pixel_format_rejects_impossible_descriptions()
    {
        var ds = TestFiles.Image();
        ds.Set(DicomTags.BitsAllocated, (ushort)12);

        var act = () => DicomPixelData.Create(ds, DicomTransferSyntax.ExplicitVRLittleEndian);

        act.Should().Throw<DicomException>().WithMessage("*Bits Allocated*");
    }
}
