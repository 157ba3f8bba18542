using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Pixels;

/// <summary>
/// The pixel data of a data set, frame by frame (PS3.3 C.7.6.3, PS3.5 §8 and Annex A.4): native frames as slices of
/// the value, encapsulated frames as their fragments joined, and decoding through <see cref="PixelCodecRegistry"/>.
/// </summary>
public sealed class DicomPixelData
{
    private readonly DicomItem _item;
    private readonly DicomDataset _dataset;
    private List<(int First, int Count)>? _frameFragments;

    private readonly Func<string, IPixelCodec> _codecFor;
    private readonly long _maxFrameLength;

    private DicomPixelData(DicomDataset dataset, DicomItem item, DicomTransferSyntax syntax, PixelFormat format, int frames,
        Func<string, IPixelCodec> codecFor, long maxFrameLength)
    {
        _codecFor = codecFor;
        _maxFrameLength = maxFrameLength;
        _dataset = dataset;
        _item = item;
        TransferSyntax = syntax;
        Format = format;
        NumberOfFrames = frames;
    }

    /// <summary>The stored layout from the Image Pixel module (PS3.3 C.7.6.3).</summary>
    public PixelFormat Format { get; }

    /// <summary>Number of Frames (0028,0008), 1 when absent.</summary>
    public int NumberOfFrames { get; }

    /// <summary>The syntax the pixel data is encoded in.</summary>
    public DicomTransferSyntax TransferSyntax { get; }

    /// <summary>Whether the pixel data is a sequence of fragments (PS3.5 §A.4) rather than native.</summary>
    public bool IsEncapsulated => _item is DicomFragmentSequence;

    /// <summary>Reads the pixel description and locates the pixel data; throws <see cref="DicomException"/> when there is none.</summary>
    public static DicomPixelData Create(DicomDataset dataset, DicomTransferSyntax syntax) => Create(dataset, syntax, PixelCodecRegistry.Get);

    /// <summary>As <see cref="Create(DicomDataset, DicomTransferSyntax)"/>, decoding with codecs from <paramref name="codecFor"/>.</summary>
    public static DicomPixelData Create(DicomDataset dataset, DicomTransferSyntax syntax, Func<string, IPixelCodec> codecFor) =>
        Create(dataset, syntax, codecFor, DicomReadOptions.Default);

    /// <summary>
    /// As <see cref="Create(DicomDataset, DicomTransferSyntax, Func{string, IPixelCodec})"/>, refusing to decode frames
    /// larger than <see cref="DicomReadOptions.MaxFrameLength"/> of <paramref name="options"/>.
    /// </summary>
    public static DicomPixelData Create(DicomDataset dataset, DicomTransferSyntax syntax, Func<string, IPixelCodec> codecFor, DicomReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var item = dataset.Find(DicomTags.PixelData) ?? dataset.Find(DicomTags.FloatPixelData) ?? dataset.Find(DicomTags.DoubleFloatPixelData)
            ?? throw new DicomException("the data set has no pixel data");
        var format = PixelFormatReader.Read(dataset, item.Tag);
        var frames = Math.Max(1, dataset.GetValueOrDefault(DicomTags.NumberOfFrames, 1));
        return new DicomPixelData(dataset, item, syntax, format, frames, codecFor, options.MaxFrameLength);
    }

    /// <summary>
    /// The stored bytes of one frame: a slice of native data (1-bit frames re-packed from bit 0), or an encapsulated
    /// frame's fragments joined.
    /// </summary>
    public ReadOnlyMemory<byte> GetFrameBytes(int frame)
    {
        if (frame < 0 || frame >= NumberOfFrames)
        {
            throw new ArgumentOutOfRangeException(nameof(frame), $"frame {frame} of {NumberOfFrames}");
        }
        return _item switch
        {
            DicomElement e => NativeFrame(e, frame),
            DicomFragmentSequence f => EncapsulatedFrame(f, frame),
            _ => throw new DicomException("pixel data is neither native nor encapsulated"),
        };
    }

    /// <summary>
    /// One frame as native little-endian samples, decoding through the codec registry for encapsulated syntaxes.
    /// Returns the format actually produced (codecs may change photometric interpretation or planar configuration).
    /// </summary>
    /// <remarks>
    /// Nothing frame-sized is allocated before the stored bytes (native) or the codestream's own header (through
    /// <see cref="IPixelCodec.Probe"/>) have been checked against the format, and never more than
    /// <see cref="DicomReadOptions.MaxFrameLength"/>: a small file declaring a huge image fails with a
    /// <see cref="DicomFormatException"/> instead of allocating it.
    /// </remarks>
    public (PixelFormat Format, byte[] Pixels) DecodeFrame(int frame)
    {
        RequireWithinCap(Format.FrameLength);
        var bytes = GetFrameBytes(frame);
        if (!IsEncapsulated || TransferSyntax == DicomTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian)
        {
            if (bytes.Length < Format.FrameLength)
            {
                throw new DicomFormatException($"frame {frame} holds {bytes.Length} bytes, the pixel format needs {Format.FrameLength}", 0, DicomTags.PixelData);
            }
            return (Format, bytes.Span[..(int)Format.FrameLength].ToArray());
        }
        var codec = _codecFor(TransferSyntax.Uid);
        var expected = codec.Probe(bytes.Span, Format);
        RequireWithinCap(expected.FrameLength);
        var destination = new byte[expected.FrameLength];
        var produced = codec.Decode(bytes.Span, Format, destination);
        return (produced, destination.Length == produced.FrameLength ? destination : destination[..(int)produced.FrameLength]);
    }

    private void RequireWithinCap(long frameLength)
    {
        if (frameLength > _maxFrameLength || frameLength > Array.MaxLength)
        {
            throw new DicomFormatException(
                $"a frame of {Format.Columns}x{Format.Rows}x{Format.SamplesPerPixel} at {Format.BitsAllocated} bits needs {frameLength} bytes, more than the {_maxFrameLength} allowed",
                0, DicomTags.PixelData);
        }
    }

    private ReadOnlyMemory<byte> NativeFrame(DicomElement element, int frame)
    {
        if (Format.BitsAllocated == 1)
        {
            return PackedBitFrame(element.Buffer.Memory.Span, frame);
        }
        var length = Format.FrameLength;
        var start = length * frame;
        if (start + length > element.Buffer.Length)
        {
            throw new DicomException($"native pixel data holds {element.Buffer.Length} bytes, frame {frame} needs {start + length}");
        }
        // Slicing the buffer (not its memory) reads only this frame when the pixel data is still in the file.
        return element.Buffer.Slice(start, length).Memory;
    }

    /// <summary>1-bit frames are packed LSB first across frames without padding, so a frame may start mid-byte (PS3.5 §8.1.1).</summary>
    private byte[] PackedBitFrame(ReadOnlySpan<byte> all, int frame)
    {
        var bits = (long)Format.Rows * Format.Columns * Format.SamplesPerPixel;
        var startBit = bits * frame;
        if ((startBit + bits + 7) / 8 > all.Length)
        {
            throw new DicomException($"native pixel data holds {all.Length} bytes, too few for frame {frame}");
        }
        var result = new byte[(bits + 7) / 8];
        if (startBit % 8 == 0)
        {
            all.Slice((int)(startBit / 8), result.Length).CopyTo(result);
            if (bits % 8 != 0)
            {
                result[^1] &= (byte)((1 << (int)(bits % 8)) - 1);
            }
            return result;
        }
        for (long i = 0; i < bits; i++)
        {
            var source = startBit + i;
            if (((all[(int)(source >> 3)] >> (int)(source & 7)) & 1) != 0)
            {
                result[i >> 3] |= (byte)(1 << (int)(i & 7));
            }
        }
        return result;
    }

    private ReadOnlyMemory<byte> EncapsulatedFrame(DicomFragmentSequence fragments, int frame)
    {
        _frameFragments ??= EncapsulatedFrameMap.Build(fragments, NumberOfFrames, _dataset.FindElement(DicomTags.ExtendedOffsetTable));
        var (first, count) = _frameFragments[frame];
        if (count == 1)
        {
            return fragments.Fragments[first].Memory;
        }
        long total = 0;
        for (var i = first; i < first + count; i++)
        {
            total += fragments.Fragments[i].Length;
        }
        var joined = new byte[total];
        var offset = 0;
        for (var i = first; i < first + count; i++)
        {
            var span = fragments.Fragments[i].Memory.Span;
            span.CopyTo(joined.AsSpan(offset));
            offset += span.Length;
        }
        return joined;
    }
}
