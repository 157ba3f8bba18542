using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Imaging;

namespace CloudFilm.Dicom.Tests.Imaging;

public class RenderingAttributesReaderTests
{
    [Fact]
    public void Reads_rescale_windows_explanations_and_function()
    {
        var dataset = ImageDatasets.Image(TestFormats.Mono(1, 1, 16, 12, true), [0, 0]);
        dataset.Set(DicomTags.RescaleSlope, "2.5");
        dataset.Set(DicomTags.RescaleIntercept, "-1024");
        dataset.Set(DicomTags.WindowCenter, "40", "300");
        dataset.Set(DicomTags.WindowWidth, "400", "1500");
        dataset.Set(DicomTags.WindowCenterWidthExplanation, "SOFT", "BONE");
        dataset.Set(DicomTags.VOILUTFunction, "SIGMOID");

        var attributes = RenderingAttributesReader.Read(dataset, TestFormats.Mono(1, 1, 16, 12, true));

        attributes.RescaleSlope.Should().Be(2.5);
        attributes.RescaleIntercept.Should().Be(-1024);
        attributes.Windows.Should().Equal(new VoiWindow(40, 400, "SOFT"), new VoiWindow(300, 1500, "BONE"));
        attributes.VoiLutFunction.Should().Be(VoiLutFunction.Sigmoid);
    }

    [Fact]
    public void Absent_modules_give_identity_rescale_and_no_window()
    {
        var format = TestFormats.Mono(1, 1, 8, 8, false);
        var attributes = RenderingAttributesReader.Read(ImageDatasets.Image(format, [0, 0]), format);
        attributes.Should().BeEquivalentTo(RenderingAttributes.None);
    }

    [Fact]
    public void Zero_rescale_slope_is_read_as_one()
    {
        var format = TestFormats.Mono(1, 1, 8, 8, false);
        var dataset = ImageDatasets.Image(format, [0, 0]);
        dataset.Set(DicomTags.RescaleSlope, "0");
        RenderingAttributesReader.Read(dataset, format).RescaleSlope.Should().Be(1);
    }

    [Fact]
    public void Padding_value_is_sign_extended_for_signed_pixels()
    {
        var format = TestFormats.Mono(1, 1, 16, 16, true);
        var dataset = ImageDatasets.Image(format, [0, 0]);
        dataset.AddOrUpdate(ImageDatasets.Raw(DicomTags.PixelPaddingValue, DicomVR.SS, -2000 & 0xFFFF));
        dataset.AddOrUpdate(ImageDatasets.Raw(DicomTags.PixelPaddingRangeLimit, DicomVR.US, 0xFC18));

        var attributes = RenderingAttributesReader.Read(dataset, format);

        attributes.PixelPaddingValue.Should().Be(-2000);
        attributes.PixelPaddingRangeLimit.Should().Be(-1000);
    }

    [Fact]
    public void Modality_and_voi_lut_sequences_are_read_with_their_descriptors()
    {
        var format = TestFormats.Mono(1, 1, 16, 16, true);
        var dataset = ImageDatasets.Image(format, [0, 0]);
        dataset.AddOrUpdate(new DicomSequence(DicomTags.ModalityLUTSequence, Lut(3, unchecked((ushort)-1), 16, 7, 8, 9)));
        dataset.AddOrUpdate(new DicomSequence(DicomTags.VOILUTSequence, Lut(2, 5, 8, 0, 255), Lut(2, 5, 8, 255, 0)));

        var attributes = RenderingAttributesReader.Read(dataset, format);

        attributes.ModalityLut!.FirstMappedValue.Should().Be(-1);
        attributes.ModalityLut.Lookup(0).Should().Be(8);
        attributes.VoiLuts.Should().HaveCount(2);
        attributes.VoiLuts[1].Lookup(5).Should().Be(255);
    }

    [Fact]
    public void Voi_lut_of_unsigned_ct_with_negative_intercept_maps_from_a_negative_value()
    {
        var format = TestFormats.Mono(1, 1, 16, 12, false);
        var dataset = ImageDatasets.Image(format, [0, 0]);
        dataset.Set(DicomTags.RescaleIntercept, "-1024");
        dataset.AddOrUpdate(new DicomSequence(DicomTags.VOILUTSequence, Lut(2, 0xFC00, 8, 0, 255)));

        var lut = RenderingAttributesReader.Read(dataset, format).VoiLuts[0];

        lut.FirstMappedValue.Should().Be(-1024);
    }

    [Fact]
    public void Voi_lut_of_unsigned_data_without_negative_values_keeps_an_unsigned_first_value()
    {
        var format = TestFormats.Mono(1, 1, 16, 16, false);
        var dataset = ImageDatasets.Image(format, [0, 0]);
        dataset.AddOrUpdate(new DicomSequence(DicomTags.VOILUTSequence, Lut(2, 0xFC00, 8, 0, 255)));
        RenderingAttributesReader.Read(dataset, format).VoiLuts[0].FirstMappedValue.Should().Be(0xFC00);
    }

    [Fact]
    public void Modality_lut_of_an_xa_image_is_not_a_display_step()
    {
        var format = TestFormats.Mono(1, 1, 16, 12, false);
        var dataset = ImageDatasets.Image(format, [0, 0]);
        dataset.Set(DicomTags.Modality, "XA");
        dataset.AddOrUpdate(new DicomSequence(DicomTags.ModalityLUTSequence, Lut(2, 0, 16, 1, 2)));
        RenderingAttributesReader.Read(dataset, format).ModalityLut.Should().BeNull();
    }

    [Fact]
    public void Palette_tables_and_presentation_shape_are_read()
    {
        var format = TestFormats.Mono(1, 1, 8, 8, false, "PALETTE COLOR");
        var dataset = ImageDatasets.Image(format, [0, 0]);
        foreach (var (descriptor, data) in new[]
                 {
                     (DicomTags.RedPaletteColorLookupTableDescriptor, DicomTags.RedPaletteColorLookupTableData),
                     (DicomTags.GreenPaletteColorLookupTableDescriptor, DicomTags.GreenPaletteColorLookupTableData),
                     (DicomTags.BluePaletteColorLookupTableDescriptor, DicomTags.BluePaletteColorLookupTableData),
                 })
        {
            dataset.AddOrUpdate(ImageDatasets.Raw(descriptor, DicomVR.US, 0, 0, 16));
            dataset.AddOrUpdate(new DicomElement(data, DicomVR.OW, new byte[65536 * 2]));
        }

        dataset.Set(DicomTags.PresentationLUTShape, "INVERSE");

        var attributes = RenderingAttributesReader.Read(dataset, format);

        attributes.Palette!.Red.Count.Should().Be(65536);
        attributes.PresentationLutShape.Should().Be(PresentationLutShape.Inverse);
    }

    [Fact]
    public void Segmented_palettes_are_reported_as_unsupported()
    {
        var format = TestFormats.Mono(1, 1, 8, 8, false, "PALETTE COLOR");
        var dataset = ImageDatasets.Image(format, [0, 0]);
        dataset.AddOrUpdate(ImageDatasets.Raw(DicomTags.RedPaletteColorLookupTableDescriptor, DicomVR.US, 256, 0, 16));
        dataset.AddOrUpdate(ImageDatasets.Raw(DicomTags.SegmentedRedPaletteColorLookupTableData, DicomVR.OW, 0, 1, 0));
        var act = () => RenderingAttributesReader.Read(dataset, format);
        act.Should().Throw<DicomException>().WithMessage("*segmented*");
    }

    private static DicomDataset Lut(int entries, int first, int bits, params int[] data)
    {
        var item = new DicomDataset();
        item.AddOrUpdate(ImageDatasets.Raw(DicomTags.LUTDescriptor, DicomVR.US, entries, first, bits));
        item.AddOrUpdate(ImageDatasets.Raw(DicomTags.LUTData, DicomVR.OW, data));
        return item;
    }
}
