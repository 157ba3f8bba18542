using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Imaging;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Imaging;

public class DicomImageTests
{
    private static readonly DicomTransferSyntax Native = DicomTransferSyntax.ExplicitVRLittleEndian;

    [Fact]
    public void Renders_the_requested_frame_of_a_multi_frame_image()
    {
        var format = TestFormats.Mono(1, 2, 16, 16, false);
        var dataset = ImageDatasets.Image(format, TestFormats.Words(0, 0, 10, 20, 0, 0), frames: 3);
        dataset.Set(DicomTags.WindowCenter, "15");
        dataset.Set(DicomTags.WindowWidth, "10");

        var image = new DicomImage(dataset, Native);

        image.FrameCount.Should().Be(3);
        image.Render(1).Pixels.Should().Equal(0, 255);
    }

    [Fact]
    public void Frame_past_the_end_is_rejected_with_the_frame_count()
    {
        var dataset = ImageDatasets.Image(TestFormats.Mono(1, 1, 8, 8, false), [1, 2], frames: 2);
        var act = () => new DicomImage(dataset, Native).Render(2);
        act.Should().Throw<DicomException>().WithMessage("*frame 3*has 2*");
    }

    [Fact]
    public void Native_ybr_full_422_frames_are_two_bytes_per_pixel()
    {
        var format = TestFormats.Color(1, 2, "YBR_FULL_422");
        // Frame 1: black and white pair; frame 2: a red pair.
        var dataset = ImageDatasets.Image(format, [0, 255, 128, 128, 76, 76, 85, 255], frames: 2);

        var image = new DicomImage(dataset, Native);

        image.Render(1).Pixels.Should().Equal(254, 0, 0, 255, 254, 0, 0, 255);
        image.Render(0).Pixels.Should().Equal(0, 0, 0, 255, 255, 255, 255, 255);
    }

    [Fact]
    public void One_bit_frames_that_start_mid_byte_render_from_their_first_pixel()
    {
        // 1×3 frames packed without padding: frame 1 is bits 3..5 = 1, 1, 0.
        var dataset = ImageDatasets.Image(TestFormats.Mono(1, 3, 1, 1, false), [0b1001_1101, 0b0000_0001], frames: 3);
        new DicomImage(dataset, Native).Render(1, new RenderOptions { Window = new VoiWindow(0.5, 1) }).Pixels.Should().Equal(255, 255, 0);
    }

    [Fact]
    public void Per_frame_functional_groups_give_each_frame_its_rescale_and_window()
    {
        var format = TestFormats.Mono(1, 2, 8, 8, false);
        var dataset = ImageDatasets.Image(format, [10, 20, 10, 20], frames: 2);
        var shared = new DicomDataset();
        shared.AddOrUpdate(new DicomSequence(DicomTags.FrameVOILUTSequence, Voi("15", "10")));
        dataset.AddOrUpdate(new DicomSequence(DicomTags.SharedFunctionalGroupsSequence, shared));
        var first = new DicomDataset();
        var second = new DicomDataset();
        var transformation = new DicomDataset();
        transformation.Set(DicomTags.RescaleSlope, "1");
        transformation.Set(DicomTags.RescaleIntercept, "100");
        second.AddOrUpdate(new DicomSequence(DicomTags.PixelValueTransformationSequence, transformation));
        second.AddOrUpdate(new DicomSequence(DicomTags.FrameVOILUTSequence, Voi("115", "10")));
        dataset.AddOrUpdate(new DicomSequence(DicomTags.PerFrameFunctionalGroupsSequence, first, second));

        var image = new DicomImage(dataset, Native);

        image.AttributesOf(1).RescaleIntercept.Should().Be(100);
        image.Render(0).Pixels.Should().Equal(0, 255);
        image.Render(1).Pixels.Should().Equal(0, 255);
    }

    private static DicomDataset Voi(string center, string width)
    {
        var voi = new DicomDataset();
        voi.Set(DicomTags.WindowCenter, center);
        voi.Set(DicomTags.WindowWidth, width);
        return voi;
    }
}
