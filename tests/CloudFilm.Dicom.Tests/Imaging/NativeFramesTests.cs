using CloudFilm.Dicom.Imaging;

namespace CloudFilm.Dicom.Tests.Imaging;

public class NativeFramesTests
{
    [Fact]
    public void Picks_frame_n_of_multi_frame_data()
    {
        var format = TestFormats.Mono(1, 2, 16, 16, false);
        var data = TestFormats.Words(1, 2, 3, 4, 5, 6);
        NativeFrames.FrameCount(format, data.Length).Should().Be(3);
        NativeFrames.Frame(data, format, 2).ToArray().Should().Equal(TestFormats.Words(5, 6));
    }

    [Fact]
    public void A_missing_frame_names_the_frame_count()
    {
        var format = TestFormats.Mono(1, 2, 16, 16, false);
        var act = () => NativeFrames.Frame(new byte[9], format, 2).ToArray();
        act.Should().Throw<DicomException>().WithMessage("*frame 2*9 (2 frames)*");
    }

    [Fact]
    public void Trailing_pad_byte_does_not_count_as_a_frame()
    {
        NativeFrames.FrameCount(TestFormats.Mono(1, 3, 8, 8, false), 4).Should().Be(1);
    }

    [Fact]
    public void One_bit_frames_starting_mid_byte_are_realigned()
    {
        // 3×1 one-bit frames packed back to back: frame 0 = 101, frame 1 = 110, frame 2 = 011 (pixel 0 first).
        // Bits LSB first: 1,0,1, 1,1,0, 0,1,1 → byte 0 = 0b1001_1101 = 0x9D, byte 1 = 0b0000_0001.
        byte[] data = [0x9D, 0x01];
        var format = TestFormats.Mono(1, 3, 1, 1, false);
        NativeFrames.FrameCount(format, data.Length).Should().Be(5);
        (NativeFrames.Frame(data, format, 0)[0] & 0x7).Should().Be(0x5);
        (NativeFrames.Frame(data, format, 1)[0] & 0x7).Should().Be(0x3);
        (NativeFrames.Frame(data, format, 2)[0] & 0x7).Should().Be(0x6);
    }

    [Fact]
    public void Native_ybr_full_422_frames_are_two_bytes_per_pixel()
    {
        var format = TestFormats.Color(2, 2, "YBR_FULL_422");
        NativeFrames.FrameLength(format).Should().Be(8);
        NativeFrames.FrameCount(format, 16).Should().Be(2);
        TestFormats.Color(2, 2, "YBR_FULL").FrameLength.Should().Be(12);
    }
}
