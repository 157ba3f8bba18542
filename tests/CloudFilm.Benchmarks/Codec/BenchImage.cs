using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Benchmarks.Codec;

/// <summary>One source file of the benchmark: its native frame and pixel format.</summary>
internal sealed record BenchImage(string Source, PixelFormat Format, byte[] Frame);
