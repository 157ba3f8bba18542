using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Decodes a JPEG 2000 codestream (ISO/IEC 15444-1, DICOM PS3.5 A.4.4) through OpenJPEG, reading from memory via
/// stream callbacks. The DICOM attributes decide sign and precision: each sample's low Bits Stored bits are kept and
/// sign-extended when Pixel Representation is 1, whatever the codestream declares.
/// </summary>
internal static unsafe class Jpeg2000Decoder
{
    private const int CodecJ2k = 0;
    private const int CodecJp2 = 2;
    private const int ParametersSize = 64 * 1024; // larger than opj_dparameters_t in any 2.x release

    [ThreadStatic]
    private static string? _lastError;

    public static PixelFormat Decode(OpenJpegLibrary? library, ReadOnlySpan<byte> data, PixelFormat f, Span<byte> destination)
    {
        var lib = library ?? throw new DicomCodecException("JPEG 2000 codec not available: libopenjp2 not found");
        if (data.Length < 4)
        {
            throw new DicomFormatException("JPEG 2000 frame too short", 0);
        }

        // A raw codestream starts with SOC (FF4F); some writers wrap it in a JP2 box structure anyway.
        int format = data[0] == 0xFF && data[1] == 0x4F ? CodecJ2k : CodecJp2;
        nint codec = 0, stream = 0, image = 0;
        nint parameters = (nint)NativeMemory.AllocZeroed(ParametersSize);
        _lastError = null;
        try
        {
            fixed (byte* bytes = data)
            {
                var source = new MemorySource { Data = bytes, Length = data.Length, Position = 0 };
                codec = lib.CreateDecompress(format);
                if (codec == 0)
                {
                    throw new DicomCodecException("JPEG 2000: OpenJPEG could not create a decoder");
                }

                lib.SetErrorHandler(codec, (nint)(delegate* unmanaged[Cdecl]<nint, nint, void>)&OnError, 0);
                lib.SetDefaultDecoderParameters(parameters);
                Require(lib.SetupDecoder(codec, parameters), "decoder setup failed");
                stream = lib.StreamCreate(64 * 1024, 1);
                lib.StreamSetUserData(stream, (nint)(&source), 0);
                lib.StreamSetUserDataLength(stream, (ulong)data.Length);
                lib.StreamSetReadFunction(stream, (nint)(delegate* unmanaged[Cdecl]<nint, nuint, nint, nuint>)&Read);
                lib.StreamSetSkipFunction(stream, (nint)(delegate* unmanaged[Cdecl]<long, nint, long>)&Skip);
                lib.StreamSetSeekFunction(stream, (nint)(delegate* unmanaged[Cdecl]<long, nint, int>)&Seek);
                Require(lib.ReadHeader(stream, codec, &image), "cannot read the codestream header");
                var header = (OpjImage*)image;
                CheckGeometry(header, f);
                Require(lib.DecodeImage(codec, stream, image), "cannot decode the codestream");
                Require(lib.EndDecompress(codec, stream), "cannot finish decoding");
                return Copy((OpjImage*)image, f, destination);
            }
        }
        finally
        {
            if (image != 0)
            {
                lib.ImageDestroy(image);
            }

            if (stream != 0)
            {
                lib.StreamDestroy(stream);
            }

            if (codec != 0)
            {
                lib.DestroyCodec(codec);
            }

            NativeMemory.Free((void*)parameters);
        }
    }

    private static void Require(int ok, string what)
    {
        if (ok == 0)
        {
            throw new DicomFormatException($"JPEG 2000: {what}{(_lastError is { } e ? ": " + e.Trim() : "")}", 0);
        }
    }

    private static void CheckGeometry(OpjImage* image, PixelFormat f)
    {
        if (image->ComponentCount < f.SamplesPerPixel || image->ComponentCount > 4)
        {
            throw new DicomFormatException($"JPEG 2000 codestream has {image->ComponentCount} components, the data set says {f.SamplesPerPixel}", 0);
        }

        long width = image->X1 - image->X0;
        long height = image->Y1 - image->Y0;
        if (width != f.Columns || height != f.Rows)
        {
            throw new DicomFormatException($"JPEG 2000 image is {width}x{height}, the data set says {f.Columns}x{f.Rows}", 0);
        }

        for (int c = 0; c < f.SamplesPerPixel; c++)
        {
            var comp = image->Components[c];
            if (comp.Dx != 1 || comp.Dy != 1)
            {
                throw new DicomCodecException("JPEG 2000: subsampled components are not supported");
            }

            if (comp.Precision is < 1 or > 32)
            {
                throw new DicomFormatException($"JPEG 2000 component precision {comp.Precision}", 0);
            }
        }
    }

    private static PixelFormat Copy(OpjImage* image, PixelFormat f, Span<byte> destination)
    {
        int spp = f.SamplesPerPixel;
        int bitsStored = Math.Min(f.BitsStored, f.BitsAllocated);
        int shift = 32 - bitsStored;
        long pixels = (long)f.Rows * f.Columns;
        for (int c = 0; c < spp; c++)
        {
            var comp = image->Components[c];
            if (comp.Data == null || (long)comp.Width * comp.Height < pixels)
            {
                throw new DicomFormatException("JPEG 2000: decoded component is smaller than the image", 0);
            }

            int* samples = comp.Data;
            for (long i = 0; i < pixels; i++)
            {
                int v = samples[i];
                v = f.IsSigned ? (v << shift) >> shift : (int)((uint)(v << shift) >> shift);
                long at = i * spp + c;
                switch (f.BitsAllocated)
                {
                    case 8:
                        destination[(int)at] = (byte)v;
                        break;
                    case 16:
                        Unsafe.WriteUnaligned(ref destination[(int)(at * 2)], (ushort)v);
                        break;
                    default:
                        Unsafe.WriteUnaligned(ref destination[(int)(at * 4)], v);
                        break;
                }
            }
        }

        // OpenJPEG undoes the multi-component transform itself: YBR_RCT/ICT data comes out as RGB.
        string photometric = f.PhotometricInterpretation is "YBR_RCT" or "YBR_ICT" ? "RGB" : f.PhotometricInterpretation;
        return f.WithPhotometric(photometric, PlanarConfiguration.Interleaved);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nuint Read(nint buffer, nuint count, nint user)
    {
        var source = (MemorySource*)user;
        long left = source->Length - source->Position;
        if (left <= 0)
        {
            return nuint.MaxValue; // (OPJ_SIZE_T)-1: end of stream
        }

        long n = Math.Min((long)count, left);
        Buffer.MemoryCopy(source->Data + source->Position, (void*)buffer, (long)count, n);
        source->Position += n;
        return (nuint)n;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static long Skip(long count, nint user)
    {
        var source = (MemorySource*)user;
        long target = Math.Clamp(source->Position + count, 0, source->Length);
        long skipped = target - source->Position;
        source->Position = target;
        return skipped == 0 && count != 0 ? -1 : skipped;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Seek(long position, nint user)
    {
        var source = (MemorySource*)user;
        if (position < 0 || position > source->Length)
        {
            return 0;
        }

        source->Position = position;
        return 1;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnError(nint message, nint user)
    {
        _lastError = Marshal.PtrToStringUTF8(message);
    }
}
