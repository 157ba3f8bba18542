using CloudFilm.Dicom.Data;

namespace CloudFilm.Dicom.IO;

/// <summary>Encoded sizes, for defined-length sequences and items and for group lengths (PS3.5 §7.5, §7.2).</summary>
internal static class DicomLengthCalculator
{
    public static long Dataset(DicomDataset dataset, bool explicitVR)
    {
        long total = 0;
        foreach (var item in dataset)
        {
            if (item.Tag.Element != 0 || item.Tag.Group == 0)
            {
                total += Item(item, explicitVR);
            }
        }
        return total;
    }

    public static long Item(DicomItem item, bool explicitVR)
    {
        switch (item)
        {
            case DicomElement e:
                var length = DicomDatasetWriter.Even(e.Length);
                var longHeader = explicitVR && (e.VR.HasLongLength || length > 0xFFFE);
                return (explicitVR ? (longHeader ? 12 : 8) : 8) + length;
            case DicomSequence s:
                return (explicitVR ? 12 : 8) + SequenceContent(s, explicitVR) + (s.HasUndefinedLength ? 8 : 0);
            case DicomFragmentSequence f:
                long size = (explicitVR ? 12 : 8) + 8 + DicomDatasetWriter.Even(f.OffsetTable.Length) + 8;
                foreach (var fragment in f.Fragments)
                {
                    size += 8 + DicomDatasetWriter.Even(fragment.Length);
                }
                return size;
            default:
                return 0;
        }
    }

    public static long SequenceContent(DicomSequence s, bool itemsExplicit)
    {
        long total = 0;
        foreach (var item in s.Items)
        {
            total += 8 + Dataset(item, itemsExplicit) + (item.HasUndefinedLength ? 8 : 0);
        }
        return total;
    }
}
