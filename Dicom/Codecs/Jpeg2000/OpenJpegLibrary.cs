using System.Runtime.InteropServices;

namespace CloudFilm.Dicom.Codecs.Jpeg2000;

/// <summary>
/// The entry points of the native OpenJPEG 2.x library (libopenjp2), found at run time with
/// <see cref="NativeLibrary"/> so that the toolkit loads, and every other codec works, on machines without it.
/// </summary>
internal sealed unsafe class OpenJpegLibrary
{
    private static readonly Lazy<OpenJpegLibrary?> Loaded = new(Load);

    private static readonly string[] Candidates = ["libopenjp2.so.7", "libopenjp2.so", "openjp2", "libopenjp2.7.dylib", "openjp2.dll"];

    public delegate* unmanaged[Cdecl]<int, nint> CreateDecompress;
    public delegate* unmanaged[Cdecl]<nint, void> SetDefaultDecoderParameters;
    public delegate* unmanaged[Cdecl]<nint, nint, int> SetupDecoder;
    public delegate* unmanaged[Cdecl]<nuint, int, nint> StreamCreate;
    public delegate* unmanaged[Cdecl]<nint, nint, void> StreamSetReadFunction;
    public delegate* unmanaged[Cdecl]<nint, nint, void> StreamSetSkipFunction;
    public delegate* unmanaged[Cdecl]<nint, nint, void> StreamSetSeekFunction;
    public delegate* unmanaged[Cdecl]<nint, nint, nint, void> StreamSetUserData;
    public delegate* unmanaged[Cdecl]<nint, ulong, void> StreamSetUserDataLength;
    public delegate* unmanaged[Cdecl]<nint, nint, nint*, int> ReadHeader;
    public delegate* unmanaged[Cdecl]<nint, nint, nint, int> DecodeImage;
    public delegate* unmanaged[Cdecl]<nint, nint, int> EndDecompress;
    public delegate* unmanaged[Cdecl]<nint, void> ImageDestroy;
    public delegate* unmanaged[Cdecl]<nint, void> StreamDestroy;
    public delegate* unmanaged[Cdecl]<nint, void> DestroyCodec;
    public delegate* unmanaged[Cdecl]<nint, nint, nint, int> SetErrorHandler;

    /// <summary>The library, or null when no candidate name loads on this machine.</summary>
    public static OpenJpegLibrary? Instance => Loaded.Value;

    private static OpenJpegLibrary? Load()
    {
        foreach (var name in Candidates)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                try
                {
                    return Bind(handle);
                }
                catch (EntryPointNotFoundException)
                {
                    // An incompatible build under a matching name: try the next candidate.
                }
            }
        }

        return null;
    }

    private static OpenJpegLibrary Bind(nint h)
    {
        nint F(string name) => NativeLibrary.GetExport(h, name);
        return new OpenJpegLibrary
        {
            CreateDecompress = (delegate* unmanaged[Cdecl]<int, nint>)F("opj_create_decompress"),
            SetDefaultDecoderParameters = (delegate* unmanaged[Cdecl]<nint, void>)F("opj_set_default_decoder_parameters"),
            SetupDecoder = (delegate* unmanaged[Cdecl]<nint, nint, int>)F("opj_setup_decoder"),
            StreamCreate = (delegate* unmanaged[Cdecl]<nuint, int, nint>)F("opj_stream_create"),
            StreamSetReadFunction = (delegate* unmanaged[Cdecl]<nint, nint, void>)F("opj_stream_set_read_function"),
            StreamSetSkipFunction = (delegate* unmanaged[Cdecl]<nint, nint, void>)F("opj_stream_set_skip_function"),
            StreamSetSeekFunction = (delegate* unmanaged[Cdecl]<nint, nint, void>)F("opj_stream_set_seek_function"),
            StreamSetUserData = (delegate* unmanaged[Cdecl]<nint, nint, nint, void>)F("opj_stream_set_user_data"),
            StreamSetUserDataLength = (delegate* unmanaged[Cdecl]<nint, ulong, void>)F("opj_stream_set_user_data_length"),
            ReadHeader = (delegate* unmanaged[Cdecl]<nint, nint, nint*, int>)F("opj_read_header"),
            DecodeImage = (delegate* unmanaged[Cdecl]<nint, nint, nint, int>)F("opj_decode"),
            EndDecompress = (delegate* unmanaged[Cdecl]<nint, nint, int>)F("opj_end_decompress"),
            ImageDestroy = (delegate* unmanaged[Cdecl]<nint, void>)F("opj_image_destroy"),
            StreamDestroy = (delegate* unmanaged[Cdecl]<nint, void>)F("opj_stream_destroy"),
            DestroyCodec = (delegate* unmanaged[Cdecl]<nint, void>)F("opj_destroy_codec"),
            SetErrorHandler = (delegate* unmanaged[Cdecl]<nint, nint, nint, int>)F("opj_set_error_handler"),
        };
    }
}
