using System.Runtime.InteropServices;

namespace CloudFilm.Dicom.Codecs.Jpeg2000;

/// <summary>opj_image_t of OpenJPEG 2.x (openjpeg.h), the fields this decoder reads.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpjImage
{
    public uint X0, Y0, X1, Y1;
    public uint ComponentCount;
    public int ColorSpace;
    public OpjImageComponent* Components;
    public nint IccProfile;
    public uint IccProfileLength;
}

/// <summary>opj_image_comp_t of OpenJPEG 2.x: one decoded component, samples as 32-bit integers.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpjImageComponent
{
    public uint Dx, Dy, Width, Height, X0, Y0, Precision, Bpp, Signed, ResolutionsDecoded, Factor;
    public int* Data;
    public ushort Alpha;
}

/// <summary>The in-memory source the stream callbacks read from; lives on the decoding thread's stack.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MemorySource
{
    public byte* Data;
    public long Length;
    public long Position;
}
