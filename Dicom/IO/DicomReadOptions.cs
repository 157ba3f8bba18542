namespace CloudFilm.Dicom.IO;

/// <summary>How much of a data set to read and what to keep in memory.</summary>
public sealed record DicomReadOptions
{
    public static DicomReadOptions Default { get; } = new();

    /// <summary>Stop at top-level Pixel Data (7FE0,0010): header-only reads for indexing (PS3.10 §7).</summary>
    public bool StopBeforePixelData { get; init; }

    /// <summary>
    /// When reading a file by path, values of at least this many bytes (pixel data, large OB/OW) stay in the file
    /// and are read on demand. 0 keeps everything in memory.
    /// </summary>
    public long DeferValuesFromBytes { get; init; } = 256 * 1024;

    /// <summary>
    /// Decode the text of what is read with this set instead of the declared one (see
    /// <see cref="Data.DicomDataset.CharacterSetOverride"/>): for a source known to mislabel, never as a global guess.
    /// </summary>
    public Text.DicomCharacterSet? CharacterSetOverride { get; init; }

    /// <summary>
    /// Largest decoded frame accepted (bytes of native pixels, PS3.5 §8.1.1) before anything is allocated for it;
    /// larger frames raise <see cref="DicomFormatException"/>. 1 GiB by default.
    /// </summary>
    public long MaxFrameLength { get; init; } = 1L << 30;

    /// <summary>
    /// Most bytes a Deflated Explicit VR Little Endian data set (PS3.5 §A.5) may inflate to; beyond it reading stops
    /// with <see cref="DicomFormatException"/> (a few KB of deflate can claim gigabytes). 2 GiB by default.
    /// </summary>
    public long MaxInflatedLength { get; init; } = 2L << 30;

    /// <summary>Deepest sequence nesting accepted before the input is called malformed (guards the stack).</summary>
    public int MaxDepth { get; init; } = 64;
}
