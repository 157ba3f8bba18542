using CloudFilm.Dicom.Codecs.Jpeg;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Codecs;

public class JpegRestartInteropTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 3)]
    public void Dcmtk_decodes_our_restart_intervals(int restartRows, int samples)
    {
        using var dir = new TempDirectory();
        var format = TestImages.Format(30, 41, samples, samples == 3 ? 8 : 16, samples == 3 ? 8 : 16);
        var native = TestImages.Create(format, seed: 50);
        var codec = new JpegLosslessCodec(DicomUids.JPEGLosslessSV1, new JpegLosslessOptions { RestartRows = restartRows });
        var encoded = codec.Encode(native, format);

        DicomFiles.WriteEncapsulated(dir.File("ours.dcm"), DicomUids.JPEGLosslessSV1, encoded.Format, [encoded.Data]);
        ExternalTools.Run("dcmdjpeg", dir.File("ours.dcm"), dir.File("dcmtk.dcm"));
        var decoded = DicomFiles.Read(dir.File("dcmtk.dcm"));

        Frames.ShouldMatch(Frames.ToInterleaved(decoded.Frames[0], decoded.Format), native, format, "IJG reads our restart intervals");
    }
}
