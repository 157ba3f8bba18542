using System.Buffers.Binary;
using CloudFilm.Dicom.Data;

namespace CloudFilm.Dicom.Pixels;

/// <summary>
/// Which fragments make up each frame of encapsulated pixel data (PS3.5 §A.4): from the Basic Offset Table, the
/// Extended Offset Table, or, when both are empty, from where codestreams start (JPEG SOI, JPEG 2000 SOC).
/// </summary>
internal static class EncapsulatedFrameMap
{
    public static List<(int First, int Count)> Build(DicomFragmentSequence sequence, int frames, DicomElement? extendedOffsets)
    {
        var fragments = sequence.Fragments;
        if (fragments.Count == 0)
        {
            throw new DicomException("encapsulated pixel data has no fragments");
        }
        if (frames == 1)
        {
            return [(0, fragments.Count)];
        }
        var offsets = sequence.GetOffsets().Select(o => (ulong)o).ToArray();
        if (offsets.Length == 0 && extendedOffsets is not null)
        {
            var span = extendedOffsets.Buffer.Memory.Span;
            offsets = new ulong[span.Length / 8];
            for (var i = 0; i < offsets.Length; i++)
            {
                offsets[i] = BinaryPrimitives.ReadUInt64LittleEndian(span[(i * 8)..]);
            }
        }
        if (offsets.Length == frames)
        {
            return FromOffsets(fragments, offsets);
        }
        if (fragments.Count == frames)
        {
            return Enumerable.Range(0, frames).Select(i => (i, 1)).ToList();
        }
        return FromCodestreamStarts(fragments, frames);
    }

    private static List<(int, int)> FromOffsets(List<DicomBuffer> fragments, ulong[] offsets)
    {
        // Offsets count bytes from the first fragment's item tag: each fragment adds 8 bytes of item header.
        var starts = new ulong[fragments.Count];
        ulong position = 0;
        for (var i = 0; i < fragments.Count; i++)
        {
            starts[i] = position;
            position += 8 + (ulong)fragments[i].Length;
        }
        var map = new List<(int, int)>(offsets.Length);
        for (var f = 0; f < offsets.Length; f++)
        {
            var first = Array.IndexOf(starts, offsets[f]);
            var end = f + 1 < offsets.Length ? Array.IndexOf(starts, offsets[f + 1]) : fragments.Count;
            if (first < 0 || end < 0 || end <= first)
            {
                throw new DicomException($"the offset table points frame {f} at no fragment boundary");
            }
            map.Add((first, end - first));
        }
        return map;
    }

    private static List<(int, int)> FromCodestreamStarts(List<DicomBuffer> fragments, int frames)
    {
        var starts = new List<int>();
        for (var i = 0; i < fragments.Count; i++)
        {
            var head = fragments[i].Memory.Span;
            var isStart = head.Length >= 2 && head[0] == 0xFF && (head[1] == 0xD8 || head[1] == 0x4F);
            if (isStart || i == 0)
            {
                starts.Add(i);
            }
        }
        if (starts.Count != frames)
        {
            throw new DicomException($"cannot tell {frames} frames apart in {fragments.Count} fragments without an offset table");
        }
        var map = new List<(int, int)>(frames);
        for (var f = 0; f < frames; f++)
        {
            var end = f + 1 < frames ? starts[f + 1] : fragments.Count;
            map.Add((starts[f], end - starts[f]));
        }
        return map;
    }
}
