using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Interop.Tests.Codecs;

/// <summary>
/// Streams written by a second, independent toolkit (GDCM's gdcmconv: OpenJPEG, CharLS and IJG builds of its own)
/// decode with our codecs to the source pixels, or for lossy output to what GDCM itself decodes.
/// </summary>
public class GdcmInteropTests
{
    public static TheoryData<string, int, int, int, bool> LosslessCases() => new()
    {
        { "-K", 1, 16, 16, true },
        { "-K", 1, 16, 12, false },
        { "-K", 1, 8, 8, false },
        { "-K", 3, 8, 8, false },
        { "-L", 1, 16, 16, true },
        { "-L", 3, 8, 8, false },
        { "-J", 1, 16, 12, false },
        { "-J", 3, 8, 8, false },
        { "-R", 3, 16, 16, false },
    };

    [Theory]
    [MemberData(nameof(LosslessCases))]
    public void We_decode_gdcm_lossless_output_to_the_source_pixels(string compression, int samples, int bitsAllocated, int bitsStored, bool signed)
    {
        using var dir = new TempDirectory();
        var format = TestImages.Format(50, 70, samples, bitsAllocated, bitsStored, signed);
        var native = TestImages.Create(format, seed: 40);
        DicomFiles.WriteNative(dir.File("native.dcm"), format, native);

        ExternalTools.Run("gdcmconv", compression, dir.File("native.dcm"), dir.File("gdcm.dcm"));
        var compressed = DicomFiles.Read(dir.File("gdcm.dcm"));
        var codec = PixelCodecRegistry.Get(compressed.TransferSyntaxUid);
        var decoded = Frames.Decode(codec, compressed.Frames[0], compressed.Format, out var decodedFormat);

        decodedFormat.Planar.Should().Be(PlanarConfiguration.Interleaved);
        decodedFormat.PhotometricInterpretation.Should().Be(samples == 3 ? "RGB" : "MONOCHROME2");
        Frames.ShouldMatch(decoded, native, format, $"gdcmconv {compression} ({compressed.TransferSyntaxUid}, {compressed.Format.PhotometricInterpretation})");
    }

    [Theory]
    [InlineData("-K", 1, 16, 12)]
    [InlineData("-K", 3, 8, 8)]
    [InlineData("-J", 3, 8, 8)]
    [InlineData("-J", 1, 8, 8)]
    public void We_decode_gdcm_lossy_output_like_gdcm(string compression, int samples, int bitsAllocated, int bitsStored)
    {
        using var dir = new TempDirectory();
        var format = TestImages.Format(64, 64, samples, bitsAllocated, bitsStored);
        var native = TestImages.Create(format, seed: 41);
        DicomFiles.WriteNative(dir.File("native.dcm"), format, native);

        ExternalTools.Run("gdcmconv", compression, "-Y", dir.File("native.dcm"), dir.File("gdcm.dcm"));
        ExternalTools.Run("gdcmconv", "--raw", dir.File("gdcm.dcm"), dir.File("reference.dcm"));
        var compressed = DicomFiles.Read(dir.File("gdcm.dcm"));
        var reference = DicomFiles.Read(dir.File("reference.dcm"));
        var decoded = Frames.Decode(PixelCodecRegistry.Get(compressed.TransferSyntaxUid), compressed.Frames[0], compressed.Format, out var decodedFormat);

        decodedFormat.Planar.Should().Be(PlanarConfiguration.Interleaved);
        LossyComparison.ShouldBeClose(decoded, Frames.ToInterleaved(reference.Frames[0], reference.Format), decodedFormat);
    }
}
