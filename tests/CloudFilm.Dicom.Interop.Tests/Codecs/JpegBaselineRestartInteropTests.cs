using CloudFilm.Dicom.Codecs.Jpeg;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Codecs;

public class JpegBaselineRestartInteropTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 2, 2)]
    [InlineData(2, 1, 5)]
    public void We_and_dcmtk_agree_on_baseline_streams_with_restart_intervals(int h, int v, int restart)
    {
        using var dir = new TempDirectory();
        int width = 48, height = 40;
        var data = CloudFilm.Dicom.Tests.Codecs.DcOnlyJpegWriter.Write(
            width, height, [(h, v), (1, 1), (1, 1)], (c, bx, by) => (31 * bx + 57 * by + 80 * c) % 256, restart);
        var format = new PixelFormat(height, width, 3, 8, 8, 7, false, "YBR_FULL_422");

        DicomFiles.WriteEncapsulated(dir.File("dc.dcm"), DicomUids.JPEGBaseline8Bit, format, [data]);
        ExternalTools.Run("dcmdjpeg", dir.File("dc.dcm"), dir.File("dcmtk.dcm"));
        var reference = DicomFiles.Read(dir.File("dcmtk.dcm"));
        var decoded = Frames.Decode(new JpegBaselineCodec(), data, format, out var decodedFormat);

        decodedFormat.PhotometricInterpretation.Should().Be("RGB");
        LossyComparison.ShouldBeClose(decoded, Frames.ToInterleaved(reference.Frames[0], reference.Format), decodedFormat, maxMean: 1.0, maxError: 3);
    }
}
