using System.Buffers.Binary;
using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Codecs.Jpeg;
using CloudFilm.Dicom.Codecs.Jpeg2000;
using CloudFilm.Dicom.Codecs.JpegLs;
using CloudFilm.Dicom.Codecs.Rle;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Tests.Codecs;
using CloudFilm.Dicom.Tests.Imaging;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Decoding;

/// <summary>
/// A small file that declares a huge image must fail before the huge destination is allocated: codecs check their
/// codestream header first (IPixelCodec.Probe) and DicomReadOptions caps frame and inflated sizes.
/// </summary>
public class BoundedDecodeTests
{
    /// <summary>8000×8000×16 bits: 128 MB, under the default frame cap, so only the header check can stop it.</summary>
    private static readonly PixelFormat Declared = SyntheticImages.Format(8000, 8000, 1, 16, 16);

    private static readonly PixelFormat Small = SyntheticImages.Format(16, 16, 1, 16, 16);

    public static TheoryData<string> LosslessSyntaxes => new()
    {
        DicomUids.JPEGLSLossless, DicomUids.JPEGLosslessSV1, DicomUids.RLELossless,
    };

    [Theory]
    [MemberData(nameof(LosslessSyntaxes))]
    public void Small_codestream_declaring_a_huge_image_is_refused_without_allocating_it(string syntax)
    {
        var codec = PixelCodecRegistry.Get(syntax);
        var encoded = codec.Encode(SyntheticImages.Create(Small, ImageContent.Smooth), Small).Data;
        var pixels = DicomPixelData.Create(Encapsulated(Declared, encoded), DicomTransferSyntax.Lookup(syntax));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var act = () => pixels.DecodeFrame(0);

        act.Should().Throw<DicomFormatException>();
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1 << 20);
    }

    [Theory]
    [MemberData(nameof(LosslessSyntaxes))]
    public void Probe_accepts_a_matching_codestream_and_names_the_decoded_format(string syntax)
    {
        var codec = PixelCodecRegistry.Get(syntax);
        var encoded = codec.Encode(SyntheticImages.Create(Small, ImageContent.Smooth), Small).Data;

        codec.Probe(encoded, Small).Should().Be(Small);
        // RLE headers carry no dimensions, only segment sizes, which bound the image to 64 pixels per byte.
        codec.Invoking(c => c.Probe(encoded, Small with { Rows = 4000, Columns = 4000 })).Should().Throw<DicomFormatException>();
    }

    [Fact]
    public void Jpeg_ls_with_more_bits_than_allocated_is_refused_by_the_probe()
    {
        var twelve = SyntheticImages.Format(16, 16, 1, 16, 12);
        var encoded = new JpegLsCodec().Encode(SyntheticImages.Create(twelve, ImageContent.Smooth), twelve).Data;

        var act = () => new JpegLsCodec().Probe(encoded, SyntheticImages.Format(16, 16, 1, 8, 8));

        act.Should().Throw<DicomFormatException>().WithMessage("*12-bit samples*allocates 8*");
    }

    [Fact]
    public void Baseline_jpeg_header_is_checked_before_decoding()
    {
        var format = SyntheticImages.Format(16, 16, 1, 8, 8);
        var jpeg = FrameHeaderOnly(0xC0, 8, 16, 16, 1);

        new JpegBaselineCodec().Probe(jpeg, format).Should().Be(format);
        var act = () => new JpegBaselineCodec().Probe(jpeg, format with { Rows = 8000, Columns = 8000 });
        act.Should().Throw<DicomFormatException>().WithMessage("JPEG codestream is 16x16x1, the data set says 8000x8000x1*");
    }

    [Fact]
    public void Baseline_ybr_full_422_decodes_to_rgb_with_a_full_resolution_length()
    {
        var format = new PixelFormat(16, 16, 3, 8, 8, 7, false, "YBR_FULL_422");

        var produced = new JpegBaselineCodec().Probe(FrameHeaderOnly(0xC0, 8, 16, 16, 3), format);

        produced.PhotometricInterpretation.Should().Be("RGB");
        produced.FrameLength.Should().Be(16 * 16 * 3);
    }

    [Fact]
    public void Jpeg_2000_size_segment_is_checked_against_the_data_set()
    {
        var format = SyntheticImages.Format(16, 16, 1, 16, 12);
        var siz = SizOnly(width: 16, height: 16, components: 1, precision: 12);

        new Jpeg2000Codec().Probe(siz, format).Should().Be(format);
        var act = () => new Jpeg2000Codec().Probe(siz, Declared);
        act.Should().Throw<DicomFormatException>().WithMessage("JPEG 2000 codestream is 16x16x1*8000x8000x1*");
    }

    [Fact]
    public void Frames_above_the_configured_cap_are_refused_before_decoding()
    {
        var encoded = new RleCodec().Encode(SyntheticImages.Create(Small, ImageContent.Smooth), Small).Data;
        var options = DicomReadOptions.Default with { MaxFrameLength = 256 };

        var capped = DicomPixelData.Create(Encapsulated(Small, encoded), DicomTransferSyntax.RLELossless, PixelCodecRegistry.Get, options);
        var uncapped = DicomPixelData.Create(Encapsulated(Small, encoded), DicomTransferSyntax.RLELossless);

        capped.Invoking(p => p.DecodeFrame(0)).Should().Throw<DicomFormatException>().WithMessage("*needs 512 bytes, more than the 256 allowed*");
        uncapped.DecodeFrame(0).Pixels.Should().HaveCount(512);
    }

    [Fact]
    public void Native_frame_shorter_than_its_format_is_refused_without_a_frame_sized_buffer()
    {
        var dataset = ImageDatasets.Image(Declared, new byte[1024]);
        var pixels = DicomPixelData.Create(dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

        var before = GC.GetAllocatedBytesForCurrentThread();
        pixels.Invoking(p => p.DecodeFrame(0)).Should().Throw<DicomException>();
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1 << 20);
    }

    [Fact]
    public void Deflated_data_set_inflating_beyond_the_cap_is_refused()
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.SOPClassUID, DicomUids.SecondaryCaptureImageStorage);
        dataset.Set(DicomTags.SOPInstanceUID, "1.2.3.4");
        dataset.AddOrUpdate(new DicomElement(new DicomTag(0x0009, 0x1001), DicomVR.UN, new byte[4 << 20]));
        var bytes = new MemoryStream();
        new DicomFile(dataset, DicomTransferSyntax.DeflatedExplicitVRLittleEndian).Write(bytes);
        bytes.Length.Should().BeLessThan(64 * 1024, "zeros deflate to almost nothing");

        var capped = () => DicomFile.Read(new MemoryStream(bytes.ToArray()), DicomReadOptions.Default with { MaxInflatedLength = 1 << 20 });
        var plain = DicomFile.Read(new MemoryStream(bytes.ToArray()));

        capped.Should().Throw<DicomFormatException>().WithMessage("*inflates to more than the 1048576 bytes allowed*");
        plain.Dataset.FindElement(new DicomTag(0x0009, 0x1001))!.Buffer.Length.Should().Be(4 << 20);
    }

    [Fact]
    public void Bare_deflated_data_set_is_capped_too()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(new DicomElement(new DicomTag(0x0009, 0x1001), DicomVR.UN, new byte[2 << 20]));
        var bytes = DicomDatasetWriter.ToBytes(dataset, DicomTransferSyntax.DeflatedExplicitVRLittleEndian);

        var act = () => DicomDatasetReader.Read(new MemoryStream(bytes), DicomTransferSyntax.DeflatedExplicitVRLittleEndian,
            DicomReadOptions.Default with { MaxInflatedLength = 64 * 1024 });

        act.Should().Throw<DicomFormatException>().WithMessage("*inflates to more than*");
    }

    [Fact]
    public void Native_ybr_full_422_frame_length_is_two_bytes_per_pixel()
    {
        var format = new PixelFormat(4, 6, 3, 8, 8, 7, false, "YBR_FULL_422");
        var data = Enumerable.Range(0, 4 * 6 * 2 * 2).Select(i => (byte)i).ToArray();

        var pixels = DicomPixelData.Create(ImageDatasets.Image(format, data, frames: 2), DicomTransferSyntax.ExplicitVRLittleEndian);

        format.FrameLength.Should().Be(48);
        format.FullResolutionFrameLength.Should().Be(72);
        (format with { PhotometricInterpretation = "YBR_FULL" }).FrameLength.Should().Be(72);
        pixels.GetFrameBytes(1).ToArray().Should().Equal(data[48..96]);
        pixels.DecodeFrame(1).Pixels.Should().Equal(data[48..96]);
    }

    [Fact]
    public void Encoding_native_ybr_full_422_asks_for_a_conversion_first()
    {
        var format = new PixelFormat(2, 2, 3, 8, 8, 7, false, "YBR_FULL_422");

        var act = () => new RleCodec().Encode(new byte[8], format);

        act.Should().Throw<DicomCodecException>().WithMessage("*YBR_FULL_422*convert*");
    }

    private static DicomDataset Encapsulated(PixelFormat format, byte[] frame)
    {
        var dataset = ImageDatasets.Image(format, []);
        dataset.AddOrUpdate(new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB, DicomBuffer.Empty,
            [DicomBuffer.From(DicomValueEncoder.PadToEven(frame, 0))]));
        return dataset;
    }

    /// <summary>SOI, a frame header (T.81 B.2.2) and EOI: enough for a probe, nothing to decode.</summary>
    private static byte[] FrameHeaderOnly(byte marker, int precision, int rows, int columns, int components)
    {
        var bytes = new List<byte> { 0xFF, 0xD8, 0xFF, marker };
        int length = 8 + 3 * components;
        bytes.AddRange([(byte)(length >> 8), (byte)length, (byte)precision, (byte)(rows >> 8), (byte)rows, (byte)(columns >> 8), (byte)columns, (byte)components]);
        for (int c = 0; c < components; c++)
        {
            bytes.AddRange([(byte)(c + 1), 0x11, 0]);
        }

        bytes.AddRange([0xFF, 0xD9]);
        return [.. bytes];
    }

    /// <summary>SOC and a SIZ segment (ISO/IEC 15444-1 A.5.1) for one tile covering the image.</summary>
    private static byte[] SizOnly(int width, int height, int components, int precision)
    {
        var siz = new byte[4 + 38 + 3 * components];
        siz[0] = 0xFF;
        siz[1] = 0x4F;
        siz[2] = 0xFF;
        siz[3] = 0x51;
        var s = siz.AsSpan(4);
        BinaryPrimitives.WriteUInt16BigEndian(s, (ushort)(38 + 3 * components));
        BinaryPrimitives.WriteUInt32BigEndian(s[4..], (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(s[8..], (uint)height);
        BinaryPrimitives.WriteUInt32BigEndian(s[20..], (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(s[24..], (uint)height);
        BinaryPrimitives.WriteUInt16BigEndian(s[36..], (ushort)components);
        for (int c = 0; c < components; c++)
        {
            s[38 + 3 * c] = (byte)(precision - 1);
            s[39 + 3 * c] = 1;
            s[40 + 3 * c] = 1;
        }

        return siz;
    }
}
