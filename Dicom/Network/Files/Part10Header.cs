using System.Buffers.Binary;
using System.Text;
using CloudFilm.Dicom.IO;

namespace CloudFilm.Dicom.Network.Files;

/// <summary>
/// What a C-STORE SCU needs from a Part 10 file (PS3.10 7.1) without decoding the data set: SOP class, SOP
/// instance, transfer syntax, and where the data set starts, so its bytes can be streamed as they are. Files
/// without meta information fall back to the full reader, which sniffs the syntax.
/// </summary>
public sealed record Part10Header(string SopClassUid, string SopInstanceUid, string TransferSyntaxUid, long DataSetOffset)
{
    /// <summary>A meta group bigger than this is not a meta group (bounded read of untrusted files).</summary>
    private const int MaxMetaLength = 64 * 1024;

    public static Part10Header Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        var head = new byte[Math.Min(stream.Length, MaxMetaLength + 132)];
        stream.ReadExactly(head);
        var start = head.Length >= 132 && head.AsSpan(128, 4).SequenceEqual("DICM"u8) ? 132
            : head.Length >= 4 && head.AsSpan(0, 4).SequenceEqual("DICM"u8) ? 4
            : 0;
        if (head.Length >= start + 2 && head[start] == 0x02 && head[start + 1] == 0x00 && TryParseMeta(head.AsSpan(start), out var meta, out var length)
            && meta.TryGetValue(0x0010, out var syntax) && meta.TryGetValue(0x0002, out var sopClass) && meta.TryGetValue(0x0003, out var sopInstance))
        {
            return new Part10Header(sopClass, sopInstance, syntax, start + length);
        }

        // No usable meta group: let the full reader find the UIDs and guess the syntax.
        var file = DicomFile.Open(path, DicomReadOptions.Default with { StopBeforePixelData = true });
        var sopClassUid = file.Dataset.GetString(new DicomTag(0x0008, 0x0016)) ?? throw new DicomFormatException($"{path}: no SOP Class UID", 0);
        var sopInstanceUid = file.Dataset.GetString(new DicomTag(0x0008, 0x0018)) ?? throw new DicomFormatException($"{path}: no SOP Instance UID", 0);
        if (start != 0 || file.Meta.Count > 0)
        {
            throw new DicomFormatException($"{path}: meta information without the UIDs needed to send it", start);
        }

        return new Part10Header(sopClassUid, sopInstanceUid, file.TransferSyntax.Uid, 0);
    }

    /// <summary>Opens the file positioned at its data set.</summary>
    public static FileStream OpenDataSet(string path, long offset)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        stream.Position = offset;
        return stream;
    }

    private static bool TryParseMeta(ReadOnlySpan<byte> bytes, out Dictionary<ushort, string> values, out int length)
    {
        values = [];
        var position = 0;
        while (position + 8 <= bytes.Length && BinaryPrimitives.ReadUInt16LittleEndian(bytes[position..]) == 0x0002)
        {
            var element = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(position + 2)..]);
            var vr = Encoding.ASCII.GetString(bytes.Slice(position + 4, 2));
            int valueLength;
            if (vr is "OB" or "OW" or "UN" or "SQ" or "UT" or "UC" or "UR")
            {
                if (position + 12 > bytes.Length)
                {
                    break;
                }

                valueLength = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(bytes[(position + 8)..]), int.MaxValue);
                position += 12;
            }
            else
            {
                valueLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(position + 6)..]);
                position += 8;
            }

            if (valueLength > bytes.Length - position)
            {
                length = 0;
                return false;
            }

            if (vr == "UI")
            {
                values[element] = Encoding.ASCII.GetString(bytes.Slice(position, valueLength)).TrimEnd('\0', ' ');
            }

            position += valueLength;
        }

        length = position;
        return true;
    }
}
