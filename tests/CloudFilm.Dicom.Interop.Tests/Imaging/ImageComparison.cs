using CloudFilm.Dicom.Imaging;

namespace CloudFilm.Dicom.Interop.Tests.Imaging;

internal static class ImageComparison
{
    /// <summary>Asserts same size and every sample within <paramref name="tolerance"/> grey/colour levels (alpha ignored).</summary>
    public static void ShouldMatch(this RenderedImage ours, Pnm reference, int tolerance = 1)
    {
        ours.Width.Should().Be(reference.Width);
        ours.Height.Should().Be(reference.Height);
        int colour = reference.Channels;
        (ours.Channels == 1 ? 1 : 3).Should().Be(colour, "grey renders to one channel and colour to RGBA");

        int pixels = ours.Width * ours.Height;
        int mismatches = 0;
        int worst = 0;
        string first = "";
        for (int i = 0; i < pixels; i++)
        {
            for (int c = 0; c < colour; c++)
            {
                int a = ours.Pixels[i * ours.Channels + c];
                int b = reference.Pixels[i * colour + c];
                int difference = Math.Abs(a - b);
                if (difference > tolerance)
                {
                    if (mismatches++ == 0)
                    {
                        first = $"pixel {i} (x {i % ours.Width}, y {i / ours.Width}) channel {c}: ours {a}, dcmtk {b}";
                    }
                }

                worst = Math.Max(worst, difference);
            }
        }

        mismatches.Should().Be(0, $"every sample should be within ±{tolerance} of dcmtk; worst difference {worst}; first: {first}");
    }
}
