using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Codecs.Jpeg;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Codecs;

public class JpegInteropTests
{
    public static TheoryData<int, int, int, bool> LosslessFormats() => new()
    {
        { 1, 8, 8, false },
        { 1, 16, 12, false },
        { 1, 16, 12, true },
        { 1, 16, 16, false },
        { 1, 16, 16, true },
        { 3, 8, 8, false },
    };

    [Theory]
    [MemberData(nameof(LosslessFormats))]
    public void Dcmtk_decodes_our_lossless_stream_to_the_same_pixels(int samples, int bitsAllocated, int bitsStored, bool signed)
    {
        using var dir = new TempDirectory();
        var format = TestImages.Format(61, 77, samples, bitsAllocated, bitsStored, signed);
        var native = TestImages.Create(format, seed: 8);
        var encoded = new JpegLosslessCodec().Encode(native, format);

        DicomFiles.WriteEncapsulated(dir.File("ours.dcm"), DicomUids.JPEGLosslessSV1, encoded.Format, [encoded.Data]);
        ExternalTools.Run("dcmdjpeg", dir.File("ours.dcm"), dir.File("dcmtk.dcm"));
        var decoded = DicomFiles.Read(dir.File("dcmtk.dcm"));

        Frames.ShouldMatch(Frames.ToInterleaved(decoded.Frames[0], decoded.Format), native, format, "dcmdjpeg output vs our source");
    }

    [Theory]
    [MemberData(nameof(LosslessFormats))]
    public void We_decode_dcmtk_lossless_sv1_exactly(int samples, int bitsAllocated, int bitsStored, bool signed)
    {
        using var dir = new TempDirectory();
        var format = TestImages.Format(45, 38, samples, bitsAllocated, bitsStored, signed);
        var native = TestImages.Create(format, seed: 12);
        DicomFiles.WriteNative(dir.File("native.dcm"), format, native);

        ExternalTools.Run("dcmcjpeg", "+e1", dir.File("native.dcm"), dir.File("jpeg.dcm"));
        var compressed = DicomFiles.Read(dir.File("jpeg.dcm"));
        compressed.TransferSyntaxUid.Should().Be(DicomUids.JPEGLosslessSV1);
        var decoded = Frames.Decode(PixelCodecRegistry.Get(compressed.TransferSyntaxUid), compressed.Frames[0], compressed.Format, out _);

        decoded.Should().Equal(native);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 0)]
    [InlineData(6, 0)]
    [InlineData(7, 0)]
    [InlineData(6, 2)]
    [InlineData(1, 3)]
    public void We_decode_every_dcmtk_predictor_and_point_transform_as_dcmtk_does(int predictor, int pointTransform)
    {
        using var dir = new TempDirectory();
        var format = TestImages.Format(37, 53, 1, 16, 16);
        var native = TestImages.Create(format, seed: predictor);
        DicomFiles.WriteNative(dir.File("native.dcm"), format, native);

        ExternalTools.Run("dcmcjpeg", "+el", "+sv", predictor.ToString(), "+pt", pointTransform.ToString(),
            dir.File("native.dcm"), dir.File("jpeg.dcm"));
        ExternalTools.Run("dcmdjpeg", dir.File("jpeg.dcm"), dir.File("dcmtk.dcm"));
        var compressed = DicomFiles.Read(dir.File("jpeg.dcm"));
        var reference = DicomFiles.Read(dir.File("dcmtk.dcm"));
        var decoded = Frames.Decode(PixelCodecRegistry.Get(compressed.TransferSyntaxUid), compressed.Frames[0], compressed.Format, out _);

        Frames.ShouldMatch(decoded, reference.Frames[0], format, $"predictor {predictor}, point transform {pointTransform}");
        if (pointTransform == 0)
        {
            decoded.Should().Equal(native);
        }
    }

    [Theory]
    [InlineData(1, "+eb", new string[0])]
    [InlineData(3, "+eb", new[] { "+s4" })]
    [InlineData(3, "+eb", new[] { "+s2" })]
    [InlineData(3, "+eb", new[] { "+cr" })]
    [InlineData(1, "+ee", new[] { "+bt" })]
    public void We_decode_dcmtk_lossy_jpeg_close_to_dcmtk(int samples, string process, string[] options)
    {
        using var dir = new TempDirectory();
        bool twelve = options.Contains("+bt");
        var format = TestImages.Format(64, 80, samples, twelve ? 16 : 8, twelve ? 12 : 8);
        var native = TestImages.Create(format, seed: 30);
        DicomFiles.WriteNative(dir.File("native.dcm"), format, native);

        ExternalTools.Run("dcmcjpeg", [process, .. options, dir.File("native.dcm"), dir.File("jpeg.dcm")]);
        ExternalTools.Run("dcmdjpeg", dir.File("jpeg.dcm"), dir.File("dcmtk.dcm"));
        var compressed = DicomFiles.Read(dir.File("jpeg.dcm"));
        var reference = DicomFiles.Read(dir.File("dcmtk.dcm"));
        var decoded = Frames.Decode(PixelCodecRegistry.Get(compressed.TransferSyntaxUid), compressed.Frames[0], compressed.Format, out var decodedFormat);

        decodedFormat.PhotometricInterpretation.Should().Be(samples == 3 ? "RGB" : "MONOCHROME2");
        LossyComparison.ShouldBeClose(decoded, Frames.ToInterleaved(reference.Frames[0], reference.Format), reference.Format with { Planar = PlanarConfiguration.Interleaved });
    }
}
