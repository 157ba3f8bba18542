using System.Buffers;
using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// An image data set ready to render: its pixel format, rendering attributes and frames, native or encapsulated
/// (decoded through <see cref="PixelCodecRegistry"/>), PS3.3 C.7.6.3 and PS3.4 Annex N.
/// </summary>
public sealed class DicomImage
{
    private readonly DicomDataset _dataset;
    private readonly DicomTransferSyntax _syntax;

    /// <param name="dataset">The data set, Pixel Data included.</param>
    /// <param name="syntax">The transfer syntax it was read in (decides native or encapsulated pixel data).</param>
    public DicomImage(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        _dataset = dataset;
        _syntax = syntax;
        Format = ImagePixelModuleReader.Read(dataset);
        FrameCount = ImagePixelModuleReader.ReadFrameCount(dataset);
    }

    public PixelFormat Format { get; }

    public int FrameCount { get; }

    /// <summary>Rendering attributes for one frame (functional groups may differ per frame).</summary>
    public RenderingAttributes AttributesOf(int frame) => RenderingAttributesReader.Read(_dataset, Format, frame);

    /// <summary>Renders frame <paramref name="frame"/> (0-based) with the file's settings unless <paramref name="options"/> override them.</summary>
    public RenderedImage Render(int frame = 0, RenderOptions? options = null)
    {
        if (frame < 0 || frame >= FrameCount)
        {
            throw new DicomException($"frame {frame + 1} requested; the image has {FrameCount}");
        }

        var attributes = AttributesOf(frame);
        switch (_dataset.Find(DicomTags.PixelData))
        {
            case DicomElement native:
                {
                    var data = native.Buffer.Memory.Span;
                    return FrameRenderer.Render(NativeFrames.Frame(data, Format, frame), Format, attributes, options);
                }

            case DicomFragmentSequence encapsulated:
                {
                    var codec = PixelCodecRegistry.Get(_syntax.Uid);
                    var encoded = EncapsulatedFrames.Frame(encapsulated, FrameCount, frame);
                    int length = checked((int)Format.FrameLength);
                    byte[] decoded = ArrayPool<byte>.Shared.Rent(length);
                    try
                    {
                        var produced = codec.Decode(encoded.Span, Format, decoded.AsSpan(0, length));
                        int producedLength = (int)Math.Min(length, produced.FrameLength);
                        return FrameRenderer.Render(decoded.AsSpan(0, producedLength), produced, attributes, options);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(decoded);
                    }
                }

            default:
                throw new DicomException("data set has no Pixel Data (7FE0,0010)");
        }
    }
}
