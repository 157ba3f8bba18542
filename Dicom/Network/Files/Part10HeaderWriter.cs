using System.Buffers.Binary;
using System.Text;

namespace CloudFilm.Dicom.Network.Files;

/// <summary>
/// Writes the Part 10 preamble and File Meta Information (PS3.10 7.1, Table 7.1-1) for a data set received over
/// the network, so the received bytes can follow unchanged in the transfer syntax they arrived in.
/// </summary>
public static class Part10HeaderWriter
{
    public static byte[] Build(string sopClassUid, string sopInstanceUid, string transferSyntaxUid, string? sourceAeTitle)
    {
        using var body = new MemoryStream(256);
        WriteElement(body, 0x0001, "OB", [0x00, 0x01]);
        WriteElement(body, 0x0002, "UI", Pad(sopClassUid, 0));
        WriteElement(body, 0x0003, "UI", Pad(sopInstanceUid, 0));
        WriteElement(body, 0x0010, "UI", Pad(transferSyntaxUid, 0));
        WriteElement(body, 0x0012, "UI", Pad(NetworkUids.ImplementationClassUid, 0));
        WriteElement(body, 0x0013, "SH", Pad(NetworkUids.ImplementationVersionName, (byte)' '));
        if (!string.IsNullOrEmpty(sourceAeTitle))
        {
            WriteElement(body, 0x0016, "AE", Pad(sourceAeTitle, (byte)' '));
        }

        var header = new byte[128 + 4 + 12 + body.Length];
        "DICM"u8.CopyTo(header.AsSpan(128));
        var groupLength = header.AsSpan(132, 12);
        BinaryPrimitives.WriteUInt16LittleEndian(groupLength, 0x0002);
        BinaryPrimitives.WriteUInt16LittleEndian(groupLength[2..], 0x0000);
        "UL"u8.CopyTo(groupLength[4..]);
        BinaryPrimitives.WriteUInt16LittleEndian(groupLength[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength[8..], (uint)body.Length);
        body.ToArray().CopyTo(header, 144);
        return header;
    }

    private static byte[] Pad(string value, byte pad)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        if ((bytes.Length & 1) == 1)
        {
            Array.Resize(ref bytes, bytes.Length + 1);
            bytes[^1] = pad;
        }

        return bytes;
    }

    private static void WriteElement(Stream stream, ushort element, string vr, byte[] value)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, 0x0002);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        Encoding.ASCII.GetBytes(vr, header[4..]);
        if (vr is "OB")
        {
            header[6] = 0;
            header[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)value.Length);
            stream.Write(header);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)value.Length);
            stream.Write(header[..8]);
        }

        stream.Write(value);
    }
}
