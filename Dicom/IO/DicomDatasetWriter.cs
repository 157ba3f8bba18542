using System.Buffers.Binary;
using System.IO.Compression;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.IO;

/// <summary>
/// Writes a data set in a transfer syntax (PS3.5 §7, Annex A): even lengths with the VR's padding, no group lengths
/// except a recomputed (0000,0000) for command sets (PS3.7 §6.3.1), undefined-length sequences unless a read one
/// had a defined length (a UN sequence read as SQ, §6.2.2, is written as SQ), deflate for the deflated syntax (§A.5).
/// Explicit VR Big Endian is retired and read only.
/// </summary>
public static class DicomDatasetWriter
{
    /// <summary>Writes <paramref name="dataset"/> to <paramref name="stream"/> without closing it.</summary>
    public static void Write(Stream stream, DicomDataset dataset, DicomTransferSyntax syntax)
    {
        if (syntax.IsBigEndian)
        {
            throw new DicomException($"writing {syntax.Name} is not supported: the syntax is retired (PS3.5 §A.3)");
        }
        if (syntax.IsDeflated)
        {
            var counter = new CountingStream(stream);
            using (var deflate = new DeflateStream(counter, CompressionLevel.Optimal, leaveOpen: true))
            {
                using var buffered = new BufferedStream(deflate, 64 * 1024);
                WriteElements(buffered, dataset, syntax.IsExplicitVR);
            }
            if ((counter.Count & 1) == 1)
            {
                stream.WriteByte(0); // PS3.5 §A.5: pad an odd deflated stream to even length
            }
            return;
        }
        WriteElements(stream, dataset, syntax.IsExplicitVR);
    }

    /// <summary>Writes without blocking a thread on the stream (network): encoded in memory, then copied.</summary>
    public static async Task WriteAsync(Stream stream, DicomDataset dataset, DicomTransferSyntax syntax, CancellationToken cancellationToken = default)
    {
        using var memory = new MemoryStream();
        Write(memory, dataset, syntax);
        memory.Position = 0;
        await memory.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bytes of a data set in a syntax (for command sets and small data sets).</summary>
    public static byte[] ToBytes(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        using var memory = new MemoryStream();
        Write(memory, dataset, syntax);
        return memory.ToArray();
    }

    internal static void WriteElements(Stream stream, DicomDataset dataset, bool explicitVR)
    {
        foreach (var item in dataset)
        {
            if (item.Tag.Element == 0)
            {
                if (item.Tag == DicomTags.CommandGroupLength)
                {
                    WriteCommandGroupLength(stream, dataset, explicitVR);
                }
                continue; // group lengths are retired (PS3.5 §7.2); the meta group writes its own
            }
            WriteItem(stream, item, explicitVR);
        }
    }

    private static void WriteCommandGroupLength(Stream stream, DicomDataset dataset, bool explicitVR)
    {
        long length = 0;
        foreach (var item in dataset)
        {
            if (item.Tag.Group != 0)
            {
                break;
            }
            if (item.Tag.Element != 0)
            {
                length += DicomLengthCalculator.Item(item, explicitVR);
            }
        }
        Span<byte> value = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(value, (uint)length);
        WriteHeader(stream, DicomTags.CommandGroupLength, DicomVR.UL, 4, explicitVR);
        stream.Write(value);
    }

    internal static void WriteItem(Stream stream, DicomItem item, bool explicitVR)
    {
        switch (item)
        {
            case DicomElement e:
                WriteElement(stream, e, explicitVR);
                break;
            case DicomSequence s:
                WriteSequence(stream, s, explicitVR);
                break;
            case DicomFragmentSequence f:
                WriteHeader(stream, f.Tag, f.VR, DicomDatasetParser.UndefinedLength, explicitVR);
                WriteItemHeader(stream, 0xE000, (uint)Even(f.OffsetTable.Length));
                WriteBuffer(stream, f.OffsetTable, 0);
                foreach (var fragment in f.Fragments)
                {
                    WriteItemHeader(stream, 0xE000, (uint)Even(fragment.Length));
                    WriteBuffer(stream, fragment, 0);
                }
                WriteItemHeader(stream, 0xE0DD, 0);
                break;
        }
    }

    private static void WriteElement(Stream stream, DicomElement e, bool explicitVR)
    {
        var length = Even(e.Length);
        if (length > uint.MaxValue - 1)
        {
            throw new DicomException($"{e.Tag} value of {length} bytes is too long to encode");
        }
        var vr = e.VR;
        if (explicitVR && !vr.HasLongLength && length > 0xFFFE)
        {
            vr = DicomVR.UN; // a 2-byte length cannot hold it (PS3.5 §6.2.2)
        }
        WriteHeader(stream, e.Tag, vr, (uint)length, explicitVR);
        WriteBuffer(stream, e.Buffer, e.VR.Padding);
    }

    private static void WriteSequence(Stream stream, DicomSequence s, bool explicitVR)
    {
        // A sequence read as UN of undefined length (PS3.5 §6.2.2) is an SQ in the model, so it is written as one:
        // explicit VR items in an explicit syntax, as dcmtk does.
        var length = s.HasUndefinedLength ? DicomDatasetParser.UndefinedLength : (uint)DicomLengthCalculator.SequenceContent(s, explicitVR);
        WriteHeader(stream, s.Tag, DicomVR.SQ, length, explicitVR);
        foreach (var item in s.Items)
        {
            WriteItemHeader(stream, 0xE000, item.HasUndefinedLength ? DicomDatasetParser.UndefinedLength : (uint)DicomLengthCalculator.Dataset(item, explicitVR));
            WriteElements(stream, item, explicitVR);
            if (item.HasUndefinedLength)
            {
                WriteItemHeader(stream, 0xE00D, 0);
            }
        }
        if (s.HasUndefinedLength)
        {
            WriteItemHeader(stream, 0xE0DD, 0);
        }
    }

    internal static void WriteHeader(Stream stream, DicomTag tag, DicomVR vr, uint length, bool explicitVR)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], tag.Element);
        if (!explicitVR)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], length);
            stream.Write(header[..8]);
            return;
        }
        header[4] = (byte)vr.Code[0];
        header[5] = (byte)vr.Code[1];
        if (vr.HasLongLength)
        {
            header[6] = 0;
            header[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], length);
            stream.Write(header);
            return;
        }
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)length);
        stream.Write(header[..8]);
    }

    private static void WriteItemHeader(Stream stream, ushort element, uint length)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], length);
        stream.Write(header);
    }

    private static void WriteBuffer(Stream stream, DicomBuffer buffer, byte padding)
    {
        buffer.CopyTo(stream);
        if ((buffer.Length & 1) == 1)
        {
            stream.WriteByte(padding);
        }
    }

    internal static long Even(long length) => length + (length & 1);

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Count;
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Count += buffer.Length;
        }
    }
}
