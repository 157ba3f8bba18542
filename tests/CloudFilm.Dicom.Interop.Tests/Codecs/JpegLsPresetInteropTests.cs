using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Codecs.JpegLs;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Interop.Tests.Codecs;

public class JpegLsPresetInteropTests
{
    [Theory]
    [InlineData(8, 8, "5", "11", "30", "32")]
    [InlineData(16, 12, "20", "70", "300", "100")]
    [InlineData(16, 16, "30", "200", "900", "64")]
    public void We_decode_dcmtk_streams_with_explicit_lse_presets(int bitsAllocated, int bitsStored, string t1, string t2, string t3, string reset)
    {
        using var dir = new TempDirectory();
        var format = TestImages.Format(40, 40, 1, bitsAllocated, bitsStored);
        var native = TestImages.Create(format, seed: 60);
        DicomFiles.WriteNative(dir.File("native.dcm"), format, native);

        ExternalTools.Run("dcmcjpls", "+t1", t1, "+t2", t2, "+t3", t3, "+rs", reset, dir.File("native.dcm"), dir.File("jls.dcm"));
        var compressed = DicomFiles.Read(dir.File("jls.dcm"));
        HasLse(compressed.Frames[0]).Should().BeTrue("non-default presets travel in an LSE segment");
        var decoded = Frames.Decode(new JpegLsCodec(), compressed.Frames[0], compressed.Format, out _);

        decoded.Should().Equal(native);
    }

    private static bool HasLse(byte[] data)
    {
        for (int i = 0; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] == 0xF8)
            {
                return true;
            }
        }

        return false;
    }
}
