using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Codecs.JpegLs;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Codecs;

public class JpegLsInteropTests
{
    private readonly JpegLsCodec _codec = new();

    public static TheoryData<int, int, int, bool> Formats() => new()
    {
        { 1, 8, 8, false },
        { 1, 16, 12, false },
        { 1, 16, 12, true },
        { 1, 16, 16, false },
        { 1, 16, 16, true },
        { 1, 16, 14, false },
        { 3, 8, 8, false },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Dcmtk_decodes_our_stream_to_the_same_pixels(int samples, int bitsAllocated, int bitsStored, bool signed)
    {
        using var dir = new TempDirectory();
        var format = TestImages.Format(67, 93, samples, bitsAllocated, bitsStored, signed);
        var native = TestImages.Create(format);
        var encoded = _codec.Encode(native, format);

        DicomFiles.WriteEncapsulated(dir.File("ours.dcm"), DicomUids.JPEGLSLossless, encoded.Format, [encoded.Data]);
        ExternalTools.Run("dcmdjpls", dir.File("ours.dcm"), dir.File("dcmtk.dcm"));
        var decoded = DicomFiles.Read(dir.File("dcmtk.dcm"));

        Frames.ShouldMatch(Frames.ToInterleaved(decoded.Frames[0], decoded.Format), native, format, "dcmdjpls output vs our source");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void We_decode_dcmtk_stream_to_the_same_pixels(int samples, int bitsAllocated, int bitsStored, bool signed)
    {
        using var dir = new TempDirectory();
        var format = TestImages.Format(71, 59, samples, bitsAllocated, bitsStored, signed);
        var native = TestImages.Create(format, seed: 11);
        DicomFiles.WriteNative(dir.File("native.dcm"), format, native);

        ExternalTools.Run("dcmcjpls", dir.File("native.dcm"), dir.File("jls.dcm"));
        var compressed = DicomFiles.Read(dir.File("jls.dcm"));
        compressed.TransferSyntaxUid.Should().Be(DicomUids.JPEGLSLossless);
        var decoded = Frames.Decode(_codec, compressed.Frames[0], compressed.Format, out _);

        decoded.Should().Equal(native, "signed samples come back sign-extended, unsigned ones as stored");
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 4)]
    public void We_decode_dcmtk_near_lossless_within_near(int samples, int near)
    {
        using var dir = new TempDirectory();
        var format = TestImages.Format(40, 52, samples, samples == 3 ? 8 : 16, samples == 3 ? 8 : 12);
        var native = TestImages.Create(format, seed: 2);
        DicomFiles.WriteNative(dir.File("native.dcm"), format, native);

        ExternalTools.Run("dcmcjpls", "+en", "+md", near.ToString(), dir.File("native.dcm"), dir.File("jls.dcm"));
        ExternalTools.Run("dcmdjpls", dir.File("jls.dcm"), dir.File("dcmtk.dcm"));
        var compressed = DicomFiles.Read(dir.File("jls.dcm"));
        var reference = DicomFiles.Read(dir.File("dcmtk.dcm"));
        var codec = PixelCodecRegistry.Get(DicomUids.JPEGLSNearLossless);
        var decoded = Frames.Decode(codec, compressed.Frames[0], compressed.Format, out _);

        Frames.ShouldMatch(decoded, Frames.ToInterleaved(reference.Frames[0], reference.Format), format, "same reconstruction as CharLS");
    }

    [Fact]
    public void Dcmtk_decodes_our_near_lossless_stream_identically()
    {
        using var dir = new TempDirectory();
        var format = TestImages.Format(48, 48, 1, 16, 12);
        var native = TestImages.Create(format, seed: 9);
        var codec = new JpegLsCodec(DicomUids.JPEGLSNearLossless, new JpegLsOptions { NearLossless = 3 });
        var encoded = codec.Encode(native, format);
        var ours = Frames.Decode(codec, encoded.Data, format, out _);

        DicomFiles.WriteEncapsulated(dir.File("ours.dcm"), DicomUids.JPEGLSNearLossless, format, [encoded.Data]);
        ExternalTools.Run("dcmdjpls", dir.File("ours.dcm"), dir.File("dcmtk.dcm"));
        var decoded = DicomFiles.Read(dir.File("dcmtk.dcm"));

        Frames.ShouldMatch(decoded.Frames[0], ours, format, "CharLS reconstructs what our encoder reconstructed");
    }

    [Theory]
    [InlineData("+in")]
    [InlineData("+il")]
    [InlineData("+is")]
    public void We_decode_dcmtk_colour_in_its_interleave_modes(string mode)
    {
        using var dir = new TempDirectory();
        var format = TestImages.Format(33, 47, 3, 8, 8);
        var native = TestImages.Create(format, seed: 4);
        DicomFiles.WriteNative(dir.File("native.dcm"), format, native);

        ExternalTools.Run("dcmcjpls", mode, dir.File("native.dcm"), dir.File("jls.dcm"));
        var compressed = DicomFiles.Read(dir.File("jls.dcm"));
        var decoded = Frames.Decode(_codec, compressed.Frames[0], compressed.Format, out var decodedFormat);

        decoded.Should().Equal(native);
        decodedFormat.Planar.Should().Be(PlanarConfiguration.Interleaved);
    }

    [Fact]
    public void Our_compression_ratio_matches_charls_on_ct_like_data()
    {
        using var dir = new TempDirectory();
        var format = TestImages.Format(128, 128, 1, 16, 16, signed: true);
        var native = TestImages.Create(format, seed: 21);
        DicomFiles.WriteNative(dir.File("native.dcm"), format, native);

        ExternalTools.Run("dcmcjpls", dir.File("native.dcm"), dir.File("jls.dcm"));
        var charls = DicomFiles.Read(dir.File("jls.dcm")).Frames[0].Length;
        var ours = _codec.Encode(native, format).Data.Length;

        ((double)ours).Should().BeLessThanOrEqualTo(charls * 1.02, "same algorithm, same parameters: within 2% of CharLS");
    }
}
