using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// An image data set ready to render (PS3.3 C.7.6.3, PS3.4 Annex N): frames come from <see cref="DicomPixelData"/>
/// (native slices, or decoded through the codec registry), rendering attributes from
/// <see cref="RenderingAttributesReader"/>, and <see cref="FrameRenderer"/> does the rest.
/// </summary>
public sealed class DicomImage
{
    private readonly DicomDataset _dataset;
    private readonly DicomPixelData _pixels;
    private readonly bool _isFloat;

    /// <param name="dataset">The data set, Pixel Data included.</param>
    /// <param name="syntax">The transfer syntax it was read in (decides native or encapsulated pixel data).</param>
    public DicomImage(DicomDataset dataset, DicomTransferSyntax syntax)
        : this(dataset, syntax, DicomReadOptions.Default)
    {
    }

    /// <param name="dataset">The data set, Pixel Data included.</param>
    /// <param name="syntax">The transfer syntax it was read in.</param>
    /// <param name="options">Limits for decoding (<see cref="DicomReadOptions.MaxFrameLength"/>).</param>
    public DicomImage(DicomDataset dataset, DicomTransferSyntax syntax, DicomReadOptions options)
    {
        _dataset = dataset;
        _pixels = DicomPixelData.Create(dataset, syntax, Codecs.PixelCodecRegistry.Get, options);
        _isFloat = !dataset.Contains(DicomTags.PixelData) &&
                   (dataset.Contains(DicomTags.FloatPixelData) || dataset.Contains(DicomTags.DoubleFloatPixelData));
    }

    /// <summary>Opens a Part 10 file (large values stay on disk until a frame needs them).</summary>
    public static DicomImage Open(string path)
    {
        var file = DicomFile.Open(path);
        return new DicomImage(file.Dataset, file.TransferSyntax);
    }

    /// <summary>The pixel format as stored (before any decoding).</summary>
    public PixelFormat Format => _pixels.Format;

    public int FrameCount => _pixels.NumberOfFrames;

    /// <summary>Rendering attributes for one frame (functional groups may differ per frame).</summary>
    public RenderingAttributes AttributesOf(int frame) => RenderingAttributesReader.Read(_dataset, Format, frame);

    /// <summary>
    /// Renders frame <paramref name="frame"/> (0-based) with the file's settings unless <paramref name="options"/>
    /// override them. Native frames are rendered in place, without a copy.
    /// </summary>
    public RenderedImage Render(int frame = 0, RenderOptions? options = null)
    {
        if (frame < 0 || frame >= FrameCount)
        {
            throw new DicomException($"frame {frame + 1} requested; the image has {FrameCount}");
        }

        var attributes = AttributesOf(frame);
        if (_pixels.IsEncapsulated)
        {
            var (produced, decoded) = _pixels.DecodeFrame(frame);
            return FrameRenderer.Render(decoded, produced, attributes, options);
        }

        if (_isFloat)
        {
            return FrameRenderer.RenderFloat(_pixels.GetFrameBytes(frame).Span, Format, attributes, options);
        }

        return FrameRenderer.Render(_pixels.GetFrameBytes(frame).Span, Format, attributes, options);
    }
}
