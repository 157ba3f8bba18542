using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Tests.IO;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Data;

public class DicomTranscoderTests
{
    /// <summary>A stand-in lossy codec: "compresses" by XOR and labels its output YBR_FULL, so every field it returns is observable.</summary>
    private sealed class XorCodec(string uid) : IPixelCodec
    {
        public string TransferSyntaxUid => uid;
        public bool CanEncode => true;
        public int Decoded { get; private set; }

        public PixelFormat Decode(ReadOnlySpan<byte> frame, PixelFormat format, Span<byte> destination)
        {
            Decoded++;
            for (var i = 0; i < format.FrameLength; i++)
            {
                destination[i] = (byte)(frame[i] ^ 0x5A);
            }
            return format with { PhotometricInterpretation = "MONOCHROME2" };
        }

        public EncodedFrame Encode(ReadOnlySpan<byte> frame, PixelFormat format)
        {
            var data = frame.ToArray();
            for (var i = 0; i < data.Length; i++)
            {
                data[i] ^= 0x5A;
            }
            return new EncodedFrame(data, format with { PhotometricInterpretation = "YBR_FULL" }, IsLossy: true);
        }
    }

    private static byte[] PixelBytes(DicomDataset ds) => ds.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray();

    [Fact]
    public void Encoding_puts_one_fragment_per_frame_with_an_offset_table_and_marks_lossy_output()
    {
        var codec = new XorCodec(DicomTransferSyntax.JPEGBaseline8Bit.Uid);
        var source = new DicomFile(TestFiles.Image(4, 4, frames: 3, bitsAllocated: 8), DicomTransferSyntax.ExplicitVRLittleEndian);

        var encoded = DicomTranscoder.Transcode(source, DicomTransferSyntax.JPEGBaseline8Bit, _ => codec);

        var fragments = (DicomFragmentSequence)encoded.Dataset.Find(DicomTags.PixelData)!;
        fragments.Fragments.Should().HaveCount(3);
        fragments.GetOffsets().Should().Equal(0u, 24u, 48u);
        encoded.Dataset.GetString(DicomTags.PhotometricInterpretation).Should().Be("YBR_FULL");
        encoded.Dataset.GetString(DicomTags.LossyImageCompression).Should().Be("01");
        encoded.Dataset.GetStrings(DicomTags.LossyImageCompressionMethod).Should().Equal("ISO_10918_1");
        encoded.Dataset.GetValue<double>(DicomTags.LossyImageCompressionRatio).Should().Be(1, "the stand-in codec keeps the size");
        encoded.Dataset.GetString(DicomTags.SOPInstanceUID).Should().StartWith("2.25.").And.NotBe("1.2.3.4");
        encoded.Meta.GetString(DicomTags.MediaStorageSOPInstanceUID).Should().Be(encoded.Dataset.GetString(DicomTags.SOPInstanceUID));

        var decoded = DicomTranscoder.Transcode(encoded, DicomTransferSyntax.ExplicitVRLittleEndian, _ => codec);

        PixelBytes(decoded.Dataset).Should().Equal(PixelBytes(source.Dataset));
        decoded.Dataset.GetString(DicomTags.PhotometricInterpretation).Should().Be("MONOCHROME2");
        codec.Decoded.Should().Be(3);
    }

    [Fact]
    public void Encapsulated_uncompressed_round_trips_without_a_codec()
    {
        var source = new DicomFile(TestFiles.Image(3, 5, frames: 2, bitsAllocated: 16), DicomTransferSyntax.ExplicitVRLittleEndian);

        var encapsulated = DicomTranscoder.Transcode(source, DicomTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian);
        using var memory = new MemoryStream();
        encapsulated.Write(memory);
        var read = DicomFile.Read(new MemoryStream(memory.ToArray()));
        var back = DicomTranscoder.Transcode(read, DicomTransferSyntax.ImplicitVRLittleEndian);

        ((DicomFragmentSequence)read.Dataset.Find(DicomTags.PixelData)!).Fragments.Should().HaveCount(2);
        PixelBytes(back.Dataset).Should().Equal(PixelBytes(source.Dataset));
        back.Dataset.Contains(DicomTags.LossyImageCompression).Should().BeFalse();
    }

    [Fact]
    public void Transcoding_to_a_syntax_without_codec_names_it()
    {
        var source = new DicomFile(TestFiles.Image(), DicomTransferSyntax.ExplicitVRLittleEndian);

        var act = () => DicomTranscoder.Transcode(source, DicomTransferSyntax.Lookup("1.2.840.10008.1.2.4.999"));

        act.Should().Throw<DicomCodecException>().WithMessage("*1.2.840.10008.1.2.4.999*");
    }

    [Fact]
    public void Frames_of_pixel_data_left_in_the_file_are_read_one_at_a_time()
    {
        var path = Path.GetTempFileName();
        try
        {
            var source = TestFiles.Image(64, 64, frames: 4, bitsAllocated: 16);
            File.WriteAllBytes(path, TestFiles.FileBytes(source, DicomTransferSyntax.ExplicitVRLittleEndian));
            var file = DicomFile.Open(path, new DicomReadOptions { DeferValuesFromBytes = 1024 });

            var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
            var frame = pixels.GetFrameBytes(2);

            frame.ToArray().Should().Equal(PixelBytes(source)[(2 * 8192)..(3 * 8192)]);
            file.Dataset.FindElement(DicomTags.PixelData)!.Buffer.IsInMemory.Should().BeFalse("only the frame was read");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
