using CloudFilm.Dicom.Codecs.JpegLs;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Codecs;

public class JpegLsRestartInteropTests
{
    // dcmtk 3.6.7's CharLS refuses JPEG-LS restart intervals ("Codec does not support this JPEG-LS image");
    // GDCM's CharLS reads them, so it is the reference here.
    [Fact]
    public void Gdcm_decodes_our_restart_intervals()
    {
        using var dir = new TempDirectory();
        var format = TestImages.Format(40, 33, 1, 16, 12);
        var native = TestImages.Create(format, seed: 70);
        var codec = new JpegLsCodec(DicomUids.JPEGLSLossless, new JpegLsOptions { RestartInterval = 7 });
        var encoded = codec.Encode(native, format);

        DicomFiles.WriteEncapsulated(dir.File("ours.dcm"), DicomUids.JPEGLSLossless, format, [encoded.Data]);
        ExternalTools.Run("gdcmconv", "--raw", dir.File("ours.dcm"), dir.File("gdcm.dcm"));
        var decoded = DicomFiles.Read(dir.File("gdcm.dcm"));

        Frames.ShouldMatch(decoded.Frames[0], native, format, "CharLS in GDCM reads our restart intervals");
    }
}
