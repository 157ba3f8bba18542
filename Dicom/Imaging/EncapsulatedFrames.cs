using CloudFilm.Dicom.Data;

namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// Gathers the fragments of one frame of encapsulated Pixel Data (PS3.5 A.4): by the Basic Offset Table when it has
/// entries, one fragment per frame when the counts agree, all fragments when there is one frame.
/// </summary>
public static class EncapsulatedFrames
{
    /// <summary>The bytes of frame <paramref name="index"/>, fragments joined. One fragment is returned without copying.</summary>
    public static ReadOnlyMemory<byte> Frame(DicomFragmentSequence pixelData, int frameCount, int index)
    {
        var fragments = pixelData.Fragments;
        if (index < 0 || index >= frameCount)
        {
            throw new DicomException($"frame {index} requested; the image has {frameCount}");
        }

        if (fragments.Count == 0)
        {
            throw new DicomException("encapsulated pixel data without fragments");
        }

        uint[] offsets = pixelData.GetOffsets();
        if (offsets.Length == frameCount && frameCount > 1)
        {
            return ByOffsets(fragments, offsets, index);
        }

        if (frameCount == 1)
        {
            return Join(fragments, 0, fragments.Count);
        }

        if (fragments.Count == frameCount)
        {
            return fragments[index].Memory;
        }

        throw new DicomCodecException(
            $"{frameCount} frames in {fragments.Count} fragments without a Basic Offset Table: frame boundaries are unknown");
    }

    private static ReadOnlyMemory<byte> ByOffsets(List<DicomBuffer> fragments, uint[] offsets, int index)
    {
        // Offsets count bytes from the first fragment's item tag: each fragment adds 8 bytes of item header.
        long start = offsets[index];
        long end = index + 1 < offsets.Length ? offsets[index + 1] : long.MaxValue;
        long position = 0;
        int first = -1;
        int last = fragments.Count;
        for (int i = 0; i < fragments.Count; i++)
        {
            if (position == start)
            {
                first = i;
            }

            if (position >= end)
            {
                last = i;
                break;
            }

            position += 8 + fragments[i].Length;
        }

        if (first < 0 || last <= first)
        {
            throw new DicomFormatException($"Basic Offset Table entry {offsets[index]} of frame {index} is not at a fragment boundary", offsets[index]);
        }

        return Join(fragments, first, last);
    }

    private static ReadOnlyMemory<byte> Join(List<DicomBuffer> fragments, int first, int end)
    {
        if (end - first == 1)
        {
            return fragments[first].Memory;
        }

        long length = 0;
        for (int i = first; i < end; i++)
        {
            length += fragments[i].Length;
        }

        var joined = new byte[checked((int)length)];
        int offset = 0;
        for (int i = first; i < end; i++)
        {
            fragments[i].Memory.Span.CopyTo(joined.AsSpan(offset));
            offset += (int)fragments[i].Length;
        }

        return joined;
    }
}
