using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Imaging;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Imaging;

/// <summary>
/// Rendering attributes with random, often malformed values (odd lengths, short descriptors, text where numbers go):
/// a data set either renders or raises a DicomException.
/// </summary>
public class DicomImageRobustnessTests
{
    private static readonly DicomTag[] WordTags =
    [
        DicomTags.PixelPaddingValue, DicomTags.PixelPaddingRangeLimit,
        DicomTags.RedPaletteColorLookupTableDescriptor, DicomTags.GreenPaletteColorLookupTableDescriptor,
        DicomTags.BluePaletteColorLookupTableDescriptor, DicomTags.RedPaletteColorLookupTableData,
        DicomTags.GreenPaletteColorLookupTableData, DicomTags.BluePaletteColorLookupTableData,
    ];

    private static readonly string[] Texts = ["", "40", "-1024", "1e3", "abc", "40\\400", "\\", "NaN", "1E400", " 7 ", "INVERSE", "SIGMOID"];

    [Fact]
    public void Random_attribute_values_render_or_raise_a_dicom_exception()
    {
        var random = new Random(42);
        int rendered = 0;
        for (int run = 0; run < 1500; run++)
        {
            bool palette = random.Next(3) == 0;
            var format = TestFormats.Mono(4, 4, random.Next(2) == 0 ? 8 : 16, 8, random.Next(2) == 0, palette ? "PALETTE COLOR" : "MONOCHROME2");
            var pixels = new byte[format.FrameLength];
            random.NextBytes(pixels);
            var dataset = ImageDatasets.Image(format, pixels);
            foreach (var tag in WordTags)
            {
                if (random.Next(2) == 0)
                {
                    dataset.AddOrUpdate(new DicomElement(tag, tag.Element < 0x1200 && tag.Element > 0x1100 ? DicomVR.US : DicomVR.OW, Bytes(random)));
                }
            }

            foreach (var tag in new[] { DicomTags.WindowCenter, DicomTags.WindowWidth, DicomTags.RescaleSlope, DicomTags.RescaleIntercept })
            {
                if (random.Next(2) == 0)
                {
                    dataset.AddOrUpdate(new DicomElement(tag, DicomVR.DS, System.Text.Encoding.ASCII.GetBytes(Texts[random.Next(Texts.Length)])));
                }
            }

            if (random.Next(3) == 0)
            {
                var item = new DicomDataset();
                item.AddOrUpdate(new DicomElement(DicomTags.LUTDescriptor, DicomVR.US, Bytes(random)));
                item.AddOrUpdate(new DicomElement(DicomTags.LUTData, DicomVR.OW, Bytes(random)));
                dataset.AddOrUpdate(new DicomSequence(random.Next(2) == 0 ? DicomTags.VOILUTSequence : DicomTags.ModalityLUTSequence, item));
            }

            try
            {
                var image = new DicomImage(dataset, DicomTransferSyntax.ExplicitVRLittleEndian).Render();
                image.Width.Should().Be(4);
                rendered++;
            }
            catch (DicomException)
            {
            }
        }

        // Most runs carry some broken attribute; enough render for the reading paths behind them to be exercised.
        rendered.Should().BeGreaterThan(150);
    }

    private static byte[] Bytes(Random random)
    {
        var bytes = new byte[random.Next(4) == 0 ? random.Next(0, 7) : random.Next(0, 600)];
        random.NextBytes(bytes);
        return bytes;
    }
}
