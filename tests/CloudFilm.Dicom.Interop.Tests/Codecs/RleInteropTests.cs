using CloudFilm.Dicom.Codecs.Rle;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Codecs;

public class RleInteropTests
{
    private readonly RleCodec _codec = new();

    public static TheoryData<int, int, int, bool> Formats() => new()
    {
        { 1, 8, 8, false },
        { 1, 16, 12, true },
        { 1, 16, 16, false },
        { 3, 8, 8, false },
        { 3, 16, 16, false },
        { 1, 32, 32, false },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Dcmtk_decodes_our_rle_to_the_same_pixels(int samples, int bitsAllocated, int bitsStored, bool signed)
    {
        using var dir = new TempDirectory();
        var format = TestImages.Format(57, 91, samples, bitsAllocated, bitsStored, signed);
        var native = TestImages.Create(format, seed: 14);
        var encoded = _codec.Encode(native, format);

        DicomFiles.WriteEncapsulated(dir.File("ours.dcm"), DicomUids.RLELossless, encoded.Format, [encoded.Data]);
        ExternalTools.Run("dcmdrle", dir.File("ours.dcm"), dir.File("dcmtk.dcm"));
        var decoded = DicomFiles.Read(dir.File("dcmtk.dcm"));

        Frames.ShouldMatch(Frames.ToInterleaved(decoded.Frames[0], decoded.Format), native, format, "dcmdrle output vs our source");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void We_decode_dcmtk_rle_exactly(int samples, int bitsAllocated, int bitsStored, bool signed)
    {
        using var dir = new TempDirectory();
        var format = TestImages.Format(43, 66, samples, bitsAllocated, bitsStored, signed);
        var native = TestImages.Create(format, seed: 15);
        DicomFiles.WriteNative(dir.File("native.dcm"), format, native);

        ExternalTools.Run("dcmcrle", dir.File("native.dcm"), dir.File("rle.dcm"));
        var compressed = DicomFiles.Read(dir.File("rle.dcm"));
        compressed.TransferSyntaxUid.Should().Be(DicomUids.RLELossless);
        var decoded = Frames.Decode(_codec, compressed.Frames[0], compressed.Format, out _);

        decoded.Should().Equal(native);
    }
}
