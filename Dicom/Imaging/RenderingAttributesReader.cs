using System.Buffers.Binary;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// Builds <see cref="RenderingAttributes"/> from a data set: Modality LUT module (PS3.3 C.11.1), VOI LUT module
/// (C.11.2), Palette Color LUTs (C.7.6.3.1.5), Pixel Padding Value (C.7.5.1.1.2) and Presentation LUT Shape (C.11.6).
/// For enhanced multi-frame images the Pixel Value Transformation and Frame VOI LUT functional groups of the frame
/// (per-frame first, then shared, PS3.3 C.7.6.16) stand in for the top-level attributes.
/// </summary>
public static class RenderingAttributesReader
{
    public static RenderingAttributes Read(DicomDataset dataset, PixelFormat format, int frame = 0)
    {
        var rescale = FunctionalGroup(dataset, frame, DicomTags.PixelValueTransformationSequence) ?? dataset;
        var voi = FunctionalGroup(dataset, frame, DicomTags.FrameVOILUTSequence) ?? dataset;

        double slope = rescale.GetValueOrDefault(DicomTags.RescaleSlope, 1.0);
        double intercept = rescale.GetValueOrDefault(DicomTags.RescaleIntercept, 0.0);
        // A VOI LUT maps modality values, which are negative for unsigned CT with a negative intercept: its first
        // mapped value, often written as US, is then meant as signed.
        bool voiInputSigned = format.IsSigned || intercept < 0 || slope < 0;
        var attributes = new RenderingAttributes
        {
            // A zero slope would flatten every image to one value: always a writer's mistake.
            RescaleSlope = slope == 0 ? 1 : slope,
            RescaleIntercept = intercept,
            ModalityLut = IsProjectionXray(dataset) ? null : FirstLut(dataset, DicomTags.ModalityLUTSequence, format.IsSigned),
            Windows = Windows(voi),
            VoiLutFunction = (voi.GetString(DicomTags.VOILUTFunction) ?? "").Trim().ToUpperInvariant() switch
            {
                "LINEAR_EXACT" => VoiLutFunction.LinearExact,
                "SIGMOID" => VoiLutFunction.Sigmoid,
                _ => VoiLutFunction.Linear,
            },
            VoiLuts = Luts(dataset, DicomTags.VOILUTSequence, voiInputSigned),
            Palette = Palette(dataset, format),
            PixelPaddingValue = Word(dataset, DicomTags.PixelPaddingValue, format.IsSigned),
            PixelPaddingRangeLimit = Word(dataset, DicomTags.PixelPaddingRangeLimit, format.IsSigned),
            PresentationLutShape = (dataset.GetString(DicomTags.PresentationLUTShape) ?? "").Trim().ToUpperInvariant() switch
            {
                "INVERSE" => PresentationLutShape.Inverse,
                "IDENTITY" => PresentationLutShape.Identity,
                _ => PresentationLutShape.Unspecified,
            },
        };
        return attributes;
    }

    // In XA and XRF the Modality LUT describes the relation to X-ray intensity, not a step to display (PS3.3 C.8.7.1.1.2).
    private static bool IsProjectionXray(DicomDataset dataset) =>
        (dataset.GetString(DicomTags.Modality) ?? "").Trim() is "XA" or "XRF";

    private static DicomDataset? FunctionalGroup(DicomDataset dataset, int frame, DicomTag macro)
    {
        if (dataset.FindSequence(DicomTags.PerFrameFunctionalGroupsSequence) is { } perFrame &&
            frame < perFrame.Items.Count &&
            perFrame.Items[frame].FindSequence(macro) is { Items.Count: > 0 } own)
        {
            return own.Items[0];
        }

        return dataset.FindSequence(DicomTags.SharedFunctionalGroupsSequence) is { Items.Count: > 0 } shared &&
               shared.Items[0].FindSequence(macro) is { Items.Count: > 0 } common
            ? common.Items[0]
            : null;
    }

    private static List<VoiWindow> Windows(DicomDataset dataset)
    {
        var centers = dataset.GetStrings(DicomTags.WindowCenter);
        var widths = dataset.GetStrings(DicomTags.WindowWidth);
        var explanations = dataset.GetStrings(DicomTags.WindowCenterWidthExplanation);
        var windows = new List<VoiWindow>();
        for (int i = 0; i < Math.Min(centers.Length, widths.Length); i++)
        {
            if (TryNumber(centers[i], out double center) && TryNumber(widths[i], out double width))
            {
                windows.Add(new VoiWindow(center, width, i < explanations.Length ? explanations[i] : null));
            }
        }

        return windows;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value) &&
        double.IsFinite(value);

    private static LookupTable? FirstLut(DicomDataset dataset, DicomTag sequence, bool signedInput)
    {
        var luts = Luts(dataset, sequence, signedInput);
        return luts.Count > 0 ? luts[0] : null;
    }

    private static List<LookupTable> Luts(DicomDataset dataset, DicomTag sequence, bool signedInput)
    {
        var tables = new List<LookupTable>();
        if (dataset.FindSequence(sequence) is not { } items)
        {
            return tables;
        }

        foreach (var item in items.Items)
        {
            if (item.FindElement(DicomTags.LUTDescriptor) is { } descriptor && item.FindElement(DicomTags.LUTData) is { } data)
            {
                tables.Add(LookupTable.Create(Descriptor(descriptor, signedInput), data.Buffer.Memory.Span));
            }
        }

        return tables;
    }

    private static PaletteColorLut? Palette(DicomDataset dataset, PixelFormat format)
    {
        var red = PaletteChannel(dataset, DicomTags.RedPaletteColorLookupTableDescriptor, DicomTags.RedPaletteColorLookupTableData, format);
        var green = PaletteChannel(dataset, DicomTags.GreenPaletteColorLookupTableDescriptor, DicomTags.GreenPaletteColorLookupTableData, format);
        var blue = PaletteChannel(dataset, DicomTags.BluePaletteColorLookupTableDescriptor, DicomTags.BluePaletteColorLookupTableData, format);
        if (red is null || green is null || blue is null)
        {
            if (dataset.Contains(DicomTags.SegmentedRedPaletteColorLookupTableData))
            {
                throw new DicomException("segmented palette color lookup tables (0028,1221-1223) are not supported");
            }

            return null;
        }

        return new PaletteColorLut(red, green, blue);
    }

    private static LookupTable? PaletteChannel(DicomDataset dataset, DicomTag descriptorTag, DicomTag dataTag, PixelFormat format)
    {
        if (dataset.FindElement(descriptorTag) is not { } descriptor || dataset.FindElement(dataTag) is not { } data)
        {
            return null;
        }

        return LookupTable.Create(Descriptor(descriptor, format.IsSigned), data.Buffer.Memory.Span);
    }

    /// <summary>
    /// The descriptor's raw words whatever VR it came with (US, SS, or OW after an implicit-VR read): its first mapped
    /// value is signed when so encoded, or when the input it maps is signed.
    /// </summary>
    private static LutDescriptor Descriptor(DicomElement element, bool signedInput)
    {
        var bytes = element.Buffer.Memory.Span;
        if (bytes.Length < 6)
        {
            throw new DicomException($"LUT descriptor {element.Tag} has {bytes.Length} bytes; three 16-bit values are needed");
        }

        return LutDescriptor.FromEncoded(
            BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[2..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]),
            signedInput || element.VR == DicomVR.SS);
    }

    private static int? Word(DicomDataset dataset, DicomTag tag, bool signed)
    {
        if (dataset.FindElement(tag) is not { } element || element.Length < 2)
        {
            return null;
        }

        ushort raw = BinaryPrimitives.ReadUInt16LittleEndian(element.Buffer.Memory.Span);
        return signed || element.VR == DicomVR.SS ? (short)raw : raw;
    }
}
