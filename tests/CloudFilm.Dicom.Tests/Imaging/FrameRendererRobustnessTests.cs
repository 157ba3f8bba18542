using CloudFilm.Dicom.Imaging;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Tests.Imaging;

/// <summary>
/// Random formats, attributes and frame lengths: rendering either returns an image of the declared size or raises a
/// DicomException; anything else escaping (index out of range, overflow) is a bug.
/// </summary>
public class FrameRendererRobustnessTests
{
    private static readonly string[] Photometrics =
        ["MONOCHROME1", "MONOCHROME2", "RGB", "YBR_FULL", "YBR_FULL_422", "PALETTE COLOR", "YBR_ICT", "", "monochrome2"];

    private static readonly int[] BitsAllocated = [1, 8, 8, 16, 16, 16, 24, 32, 64];

    [Fact]
    public void Random_inputs_render_or_raise_a_dicom_exception()
    {
        var random = new Random(20261123);
        int rendered = 0;
        for (int run = 0; run < 3000; run++)
        {
            int allocated = BitsAllocated[random.Next(BitsAllocated.Length)];
            int stored = random.Next(1, allocated + 1);
            string photometric = Photometrics[random.Next(Photometrics.Length)];
            // Mostly the sample count the photometric interpretation needs, sometimes a wrong one.
            int samples = random.Next(4) == 0 ? random.Next(1, 4) : photometric is "RGB" or "YBR_FULL" or "YBR_FULL_422" ? 3 : 1;
            var format = new PixelFormat(
                random.Next(1, 9),
                random.Next(1, 9),
                samples,
                allocated,
                stored,
                random.Next(0, allocated + 2),
                random.Next(2) == 0,
                photometric,
                (PlanarConfiguration)random.Next(2));
            // Mostly about the right length (short by a little, or padded), sometimes anything.
            int length = random.Next(5) == 0
                ? random.Next(0, (int)format.FrameLength + 8)
                : Math.Max(0, (int)format.FrameLength + random.Next(-1, 4));
            var frame = new byte[length];
            random.NextBytes(frame);
            var attributes = RandomAttributes(random);
            var options = new RenderOptions
            {
                Window = random.Next(3) == 0 ? new VoiWindow(random.Next(-100, 100), random.Next(-2, 50)) : null,
                UseMinMaxWindow = random.Next(4) == 0,
                VoiIndex = random.Next(-1, 3),
            };

            try
            {
                var image = FrameRenderer.Render(frame, format, attributes, options);
                image.Pixels.Length.Should().Be(format.Rows * format.Columns * image.Channels, $"run {run}");
                rendered++;
            }
            catch (DicomException)
            {
            }
        }

        // Enough valid combinations come up for the rendering paths themselves to be exercised, not only the checks.
        rendered.Should().BeGreaterThan(300);
    }

    private static RenderingAttributes RandomAttributes(Random random)
    {
        LookupTable Table() => LookupTable.Create(
            new LutDescriptor(random.Next(1, 300), random.Next(-300, 300), random.Next(2) == 0 ? 8 : 16),
            RandomBytes(random, random.Next(0, 700)));

        LookupTable? TryTable()
        {
            try
            {
                return Table();
            }
            catch (DicomException)
            {
                return null;
            }
        }

        var voi = TryTable();
        var red = TryTable();
        var green = TryTable();
        var blue = TryTable();
        return new RenderingAttributes
        {
            RescaleSlope = random.Next(-3, 4) * 0.5,
            RescaleIntercept = random.Next(-2000, 2000),
            ModalityLut = random.Next(3) == 0 ? TryTable() : null,
            Windows = random.Next(2) == 0 ? [new VoiWindow(random.Next(-500, 500), random.Next(-5, 1000))] : [],
            VoiLutFunction = (VoiLutFunction)random.Next(3),
            VoiLuts = voi is not null && random.Next(3) == 0 ? [voi] : [],
            Palette = red is not null && green is not null && blue is not null ? new PaletteColorLut(red, green, blue) : null,
            PixelPaddingValue = random.Next(2) == 0 ? random.Next(-100, 100) : null,
            PixelPaddingRangeLimit = random.Next(3) == 0 ? random.Next(-100, 100) : null,
            PresentationLutShape = (PresentationLutShape)random.Next(3),
        };
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
