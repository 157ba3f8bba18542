using System.Buffers.Binary;
using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Pixels;

/// <summary>
/// Changes the transfer syntax of a file (PS3.5 §10, Annex A): native to native rewrites only the encoding;
/// encapsulated pixel data is decoded and/or encoded frame by frame through <see cref="PixelCodecRegistry"/>,
/// updating Photometric Interpretation, Planar Configuration and, for lossy codecs, Lossy Image Compression
/// (PS3.3 C.7.6.1.1.5) with a new SOP Instance UID.
/// </summary>
public static class DicomTranscoder
{
    /// <summary>A copy of <paramref name="source"/> in <paramref name="target"/>, pixel data decoded/encoded through <see cref="PixelCodecRegistry"/>.</summary>
    public static DicomFile Transcode(DicomFile source, DicomTransferSyntax target) => Transcode(source, target, PixelCodecRegistry.Get);

    /// <summary>Transcodes with codecs from <paramref name="codecFor"/> (by transfer syntax UID) instead of the registry.</summary>
    public static DicomFile Transcode(DicomFile source, DicomTransferSyntax target, Func<string, IPixelCodec> codecFor)
    {
        if (target.IsBigEndian)
        {
            throw new DicomException($"writing {target.Name} is not supported: the syntax is retired");
        }
        var from = source.TransferSyntax;
        var dataset = source.Dataset.Clone();
        var hasPixels = dataset.Find(DicomTags.PixelData) is not null;
        var sameFamily = from.IsEncapsulated == target.IsEncapsulated && (!from.IsEncapsulated || from.Uid == target.Uid);
        if (hasPixels && !sameFamily)
        {
            var pixels = DicomPixelData.Create(dataset, from, codecFor);
            if (target.IsEncapsulated)
            {
                Encode(dataset, pixels, target, codecFor);
            }
            else
            {
                Decode(dataset, pixels);
            }
        }
        var result = new DicomFile(dataset, target) { Preamble = source.Preamble };
        foreach (var item in source.Meta)
        {
            if (item.Tag.Element is 0x0002 or 0x0016 or 0x0100 or 0x0102)
            {
                result.Meta.AddOrUpdate(item); // keep what describes the source (PS3.10 §7.1); the rest is ours
            }
        }
        result.Meta.Set(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, dataset.GetString(DicomTags.SOPInstanceUID) ?? "");
        return result;
    }

    private static void Decode(DicomDataset dataset, DicomPixelData pixels)
    {
        // Sized from the first decoded frame: a codec may produce more than stored (4:2:2 → RGB), and nothing is
        // allocated for all frames before one has proven the codestream matches the data set.
        var (produced, first) = pixels.DecodeFrame(0);
        var all = new byte[DicomDatasetWriter.Even(produced.FrameLength * pixels.NumberOfFrames)];
        first.CopyTo(all, 0);
        for (var f = 1; f < pixels.NumberOfFrames; f++)
        {
            var (frameFormat, bytes) = pixels.DecodeFrame(f);
            if (frameFormat.FrameLength != produced.FrameLength)
            {
                throw new DicomCodecException($"frame {f} decodes to {frameFormat.FrameLength} bytes, frame 0 to {produced.FrameLength}");
            }
            bytes.CopyTo(all.AsSpan((int)(produced.FrameLength * f)));
        }
        var vr = produced.BitsAllocated > 8 ? DicomVR.OW : DicomVR.OB;
        dataset.Remove(DicomTags.ExtendedOffsetTable);
        dataset.Remove(DicomTags.ExtendedOffsetTableLengths);
        dataset.AddOrUpdate(new DicomElement(DicomTags.PixelData, vr, all));
        SetPhotometric(dataset, produced);
    }

    private static void Encode(DicomDataset dataset, DicomPixelData pixels, DicomTransferSyntax target, Func<string, IPixelCodec> codecFor)
    {
        // Encapsulated Uncompressed (PS3.5 §A.4.11) needs no codec: each fragment is a native frame.
        var codec = target == DicomTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian ? null : codecFor(target.Uid);
        if (codec is { CanEncode: false })
        {
            throw new DicomCodecException($"the codec for {target.Uid} only decodes");
        }
        var fragments = new List<DicomBuffer>(pixels.NumberOfFrames);
        var offsets = new byte[pixels.NumberOfFrames * 4];
        uint position = 0;
        var lossy = false;
        PixelFormat produced = pixels.Format;
        for (var f = 0; f < pixels.NumberOfFrames; f++)
        {
            var (format, native) = pixels.DecodeFrame(f);
            var encoded = codec?.Encode(native, format) ?? new EncodedFrame(native, format);
            var data = DicomValueEncoder.PadToEven(encoded.Data, 0);
            BinaryPrimitives.WriteUInt32LittleEndian(offsets.AsSpan(f * 4), position);
            position += 8 + (uint)data.Length;
            fragments.Add(DicomBuffer.From(data));
            lossy |= encoded.IsLossy;
            produced = encoded.Format;
        }
        // An Extended Offset Table describes the old fragments (PS3.5 §A.4): it would point into the new ones.
        dataset.Remove(DicomTags.ExtendedOffsetTable);
        dataset.Remove(DicomTags.ExtendedOffsetTableLengths);
        dataset.AddOrUpdate(new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB,
            pixels.NumberOfFrames > 1 ? DicomBuffer.From(offsets) : DicomBuffer.Empty, fragments));
        SetPhotometric(dataset, produced);
        if (lossy || target.IsLossy)
        {
            MarkLossy(dataset, target, pixels.Format.FrameLength * pixels.NumberOfFrames, fragments.Sum(f => f.Length));
        }
    }

    /// <summary>
    /// Lossy Image Compression stays 01 for good; ratio and method are appended to any earlier ones (PS3.3
    /// C.7.6.1.1.5); the result is a new instance, so it gets a new SOP Instance UID.
    /// </summary>
    private static void MarkLossy(DicomDataset dataset, DicomTransferSyntax target, long nativeBytes, long encodedBytes)
    {
        dataset.Set(DicomTags.LossyImageCompression, DicomVR.CS, "01");
        var ratio = encodedBytes > 0 ? (double)nativeBytes / encodedBytes : 1;
        var ratios = dataset.GetStrings(DicomTags.LossyImageCompressionRatio).Append(DicomValueEncoder.FormatDecimalString(Math.Round(ratio, 3))).ToArray();
        dataset.Set(DicomTags.LossyImageCompressionRatio, DicomVR.DS, ratios);
        var method = target.Uid switch
        {
            DicomUids.JPEGBaseline8Bit or DicomUids.JPEGExtended12Bit => "ISO_10918_1",
            DicomUids.JPEGLSNearLossless => "ISO_14495_1",
            DicomUids.JPEG2000 or DicomUids.JPEG2000MC => "ISO_15444_1",
            DicomUids.HTJ2K => "ISO_15444_15",
            _ => null,
        };
        if (method is not null)
        {
            var methods = dataset.GetStrings(DicomTags.LossyImageCompressionMethod).Append(method).ToArray();
            dataset.Set(DicomTags.LossyImageCompressionMethod, DicomVR.CS, methods);
        }
        dataset.Set(DicomTags.SOPInstanceUID, DicomVR.UI, DicomUidGenerator.NewUid());
    }

    private static void SetPhotometric(DicomDataset dataset, PixelFormat format)
    {
        dataset.Set(DicomTags.PhotometricInterpretation, DicomVR.CS, format.PhotometricInterpretation);
        if (format.SamplesPerPixel > 1)
        {
            dataset.Set(DicomTags.PlanarConfiguration, DicomVR.US, (ushort)format.Planar);
        }
    }

}
