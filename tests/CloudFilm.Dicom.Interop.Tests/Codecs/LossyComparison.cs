using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Interop.Tests.Codecs;

/// <summary>
/// Compares two decodings of the same lossy stream. T.81 only bounds IDCT accuracy, and decoders differ in chroma
/// upsampling, so the check is on the mean and the worst sample rather than bit equality.
/// </summary>
public static class LossyComparison
{
    public static void ShouldBeClose(byte[] actual, byte[] expected, PixelFormat f, double maxMean = 1.0, long maxError = 0)
    {
        var a = Frames.StoredValues(actual, f);
        var e = Frames.StoredValues(expected, f);
        a.Length.Should().Be(e.Length);
        double sum = 0;
        long worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            long d = Math.Abs(a[i] - e[i]);
            sum += d;
            worst = Math.Max(worst, d);
        }

        long allowedWorst = maxError > 0 ? maxError : Math.Max(8, (1L << f.BitsStored) / 32);
        (sum / a.Length).Should().BeLessThanOrEqualTo(maxMean, "mean absolute difference");
        worst.Should().BeLessThanOrEqualTo(allowedWorst, "largest single-sample difference");
    }
}
