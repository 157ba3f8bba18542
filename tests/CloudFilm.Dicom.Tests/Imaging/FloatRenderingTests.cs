using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Imaging;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Imaging;

public class FloatRenderingTests
{
    [Fact]
    public void Float_values_are_windowed_as_they_are()
    {
        var frame = Floats(-1.5f, -0.25f, 2.0f);
        var image = FrameRenderer.RenderFloat(frame, Format(32), new RenderingAttributes { Windows = [new VoiWindow(0.25, 2, null)] }, null);
        // LINEAR, c 0.25, w 2: the ramp runs from −0.75 to 0.25 with its middle at c − 0.5 = −0.25.
        image.Pixels.Should().Equal(0, 128, 255);
    }

    [Fact]
    public void Double_values_without_window_span_their_finite_min_and_max_and_nan_is_black()
    {
        var frame = new byte[4 * 8];
        BitConverter.TryWriteBytes(frame.AsSpan(0), 10.0);
        BitConverter.TryWriteBytes(frame.AsSpan(8), double.NaN);
        BitConverter.TryWriteBytes(frame.AsSpan(16), 30.0);
        BitConverter.TryWriteBytes(frame.AsSpan(24), double.PositiveInfinity);

        var image = FrameRenderer.RenderFloat(frame, Format(64, 1, 4), RenderingAttributes.None);

        image.Pixels.Should().Equal(0, 0, 255, 0);
    }

    [Fact]
    public void Monochrome1_float_is_inverted()
    {
        var image = FrameRenderer.RenderFloat(Floats(1, 2), Format(32, 1, 2, "MONOCHROME1"), RenderingAttributes.None);
        image.Pixels.Should().Equal(255, 0);
    }

    [Fact]
    public void Colour_float_is_rejected()
    {
        var format = Format(32, 1, 1, "RGB");
        var act = () => FrameRenderer.RenderFloat(new byte[4], format, RenderingAttributes.None);
        act.Should().Throw<DicomException>().WithMessage("*MONOCHROME1/2*");
    }

    [Fact]
    public void Data_set_with_float_pixel_data_renders_through_dicom_image()
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.SamplesPerPixel, (ushort)1);
        dataset.Set(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        dataset.Set(DicomTags.Rows, (ushort)1);
        dataset.Set(DicomTags.Columns, (ushort)3);
        dataset.Set(DicomTags.BitsAllocated, (ushort)32);
        dataset.AddOrUpdate(new DicomElement(DicomTags.FloatPixelData, DicomVR.OF, Floats(0, 5, 10)));

        var image = new DicomImage(dataset, DicomTransferSyntax.ExplicitVRLittleEndian).Render();

        image.Pixels.Should().Equal(0, 128, 255);
    }

    private static Pixels.PixelFormat Format(int bits, int rows = 1, int columns = 3, string photometric = "MONOCHROME2") =>
        new(rows, columns, photometric == "RGB" ? 3 : 1, bits, bits, bits - 1, false, photometric);

    private static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }
}
