using System.Buffers.Binary;
using System.Text;

namespace CloudFilm.Dicom.Network.Dimse;

/// <summary>
/// A DIMSE command set (PS3.7 6.3, 9.3, Annex E): group 0000 elements, always encoded in implicit VR little endian
/// whatever the presentation context. Values are kept as raw bytes; typed accessors cover the fields DIMSE-C uses.
/// Setting a field the command does not need is harmless; (0000,0000) Command Group Length is computed on encoding.
/// </summary>
public sealed class DimseCommand
{
    /// <summary>Command Data Set Type value meaning "no data set follows" (PS3.7 E.1).</summary>
    public const ushort NoDataSet = 0x0101;

    public const ushort AffectedSopClassUidElement = 0x0002;
    public const ushort RequestedSopClassUidElement = 0x0003;
    public const ushort CommandFieldElement = 0x0100;
    public const ushort MessageIdElement = 0x0110;
    public const ushort MessageIdBeingRespondedToElement = 0x0120;
    public const ushort MoveDestinationElement = 0x0600;
    public const ushort PriorityElement = 0x0700;
    public const ushort CommandDataSetTypeElement = 0x0800;
    public const ushort StatusElement = 0x0900;
    public const ushort OffendingElementElement = 0x0901;
    public const ushort ErrorCommentElement = 0x0902;
    public const ushort AffectedSopInstanceUidElement = 0x1000;
    public const ushort RemainingSubOperationsElement = 0x1020;
    public const ushort CompletedSubOperationsElement = 0x1021;
    public const ushort FailedSubOperationsElement = 0x1022;
    public const ushort WarningSubOperationsElement = 0x1023;
    public const ushort MoveOriginatorAeTitleElement = 0x1030;
    public const ushort MoveOriginatorMessageIdElement = 0x1031;

    private readonly SortedList<ushort, byte[]> _elements = [];

    public DimseCommandField CommandField
    {
        get => (DimseCommandField)GetUInt16(CommandFieldElement);
        set => SetUInt16(CommandFieldElement, (ushort)value);
    }

    public ushort MessageId
    {
        get => GetUInt16(MessageIdElement);
        set => SetUInt16(MessageIdElement, value);
    }

    public ushort MessageIdBeingRespondedTo
    {
        get => GetUInt16(MessageIdBeingRespondedToElement);
        set => SetUInt16(MessageIdBeingRespondedToElement, value);
    }

    public string AffectedSopClassUid
    {
        get => GetString(AffectedSopClassUidElement);
        set => SetString(AffectedSopClassUidElement, value, 0);
    }

    public string AffectedSopInstanceUid
    {
        get => GetString(AffectedSopInstanceUidElement);
        set => SetString(AffectedSopInstanceUidElement, value, 0);
    }

    public string MoveDestination
    {
        get => GetString(MoveDestinationElement);
        set => SetString(MoveDestinationElement, value, (byte)' ');
    }

    public string MoveOriginatorAeTitle
    {
        get => GetString(MoveOriginatorAeTitleElement);
        set => SetString(MoveOriginatorAeTitleElement, value, (byte)' ');
    }

    public ushort MoveOriginatorMessageId
    {
        get => GetUInt16(MoveOriginatorMessageIdElement);
        set => SetUInt16(MoveOriginatorMessageIdElement, value);
    }

    /// <summary>0 medium, 1 high, 2 low (PS3.7 9.1.1.1.10).</summary>
    public ushort Priority
    {
        get => GetUInt16(PriorityElement);
        set => SetUInt16(PriorityElement, value);
    }

    /// <summary>Whether a data set follows the command (any value but 0101H, PS3.7 E.1).</summary>
    public bool HasDataSet
    {
        get => Contains(CommandDataSetTypeElement) && GetUInt16(CommandDataSetTypeElement) != NoDataSet;
        set => SetUInt16(CommandDataSetTypeElement, value ? (ushort)0x0000 : NoDataSet);
    }

    public DimseStatus Status
    {
        get => new(GetUInt16(StatusElement));
        set => SetUInt16(StatusElement, value.Code);
    }

    public string? ErrorComment
    {
        get => Contains(ErrorCommentElement) ? GetString(ErrorCommentElement) : null;
        set
        {
            if (value is null)
            {
                _elements.Remove(ErrorCommentElement);
            }
            else
            {
                // LO: at most 64 characters.
                SetString(ErrorCommentElement, value.Length > 64 ? value[..64] : value, (byte)' ');
            }
        }
    }

    public ushort? RemainingSubOperations { get => GetOptionalUInt16(RemainingSubOperationsElement); set => SetOptionalUInt16(RemainingSubOperationsElement, value); }

    public ushort? CompletedSubOperations { get => GetOptionalUInt16(CompletedSubOperationsElement); set => SetOptionalUInt16(CompletedSubOperationsElement, value); }

    public ushort? FailedSubOperations { get => GetOptionalUInt16(FailedSubOperationsElement); set => SetOptionalUInt16(FailedSubOperationsElement, value); }

    public ushort? WarningSubOperations { get => GetOptionalUInt16(WarningSubOperationsElement); set => SetOptionalUInt16(WarningSubOperationsElement, value); }

    public bool IsRequest => ((ushort)CommandField & 0x8000) == 0;

    public bool Contains(ushort element) => _elements.ContainsKey(element);

    public ushort GetUInt16(ushort element) =>
        _elements.TryGetValue(element, out var value) && value.Length >= 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(value)
            : throw new DicomNetworkException($"DIMSE command lacks (0000,{element:X4})");

    public void SetUInt16(ushort element, ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        _elements[element] = bytes;
    }

    public string GetString(ushort element) =>
        _elements.TryGetValue(element, out var value)
            ? Encoding.ASCII.GetString(value).Trim(' ', '\0')
            : throw new DicomNetworkException($"DIMSE command lacks (0000,{element:X4})");

    /// <summary>Sets a string value padded to even length with <paramref name="pad"/> (NUL for UI, space otherwise, PS3.5 6.2).</summary>
    public void SetString(ushort element, string value, byte pad)
    {
        var length = value.Length + (value.Length & 1);
        var bytes = new byte[length];
        Encoding.ASCII.GetBytes(value, bytes);
        if (length != value.Length)
        {
            bytes[^1] = pad;
        }

        _elements[element] = bytes;
    }

    private ushort? GetOptionalUInt16(ushort element) => Contains(element) ? GetUInt16(element) : null;

    private void SetOptionalUInt16(ushort element, ushort? value)
    {
        if (value is { } v)
        {
            SetUInt16(element, v);
        }
        else
        {
            _elements.Remove(element);
        }
    }

    /// <summary>Encoded length including (0000,0000).</summary>
    public int EncodedLength
    {
        get
        {
            var length = 12;
            foreach (var (element, value) in _elements)
            {
                if (element != 0)
                {
                    length += 8 + value.Length;
                }
            }

            return length;
        }
    }

    /// <summary>Writes the command set in implicit VR little endian, group length first (PS3.7 E.1).</summary>
    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        var span = bytes.AsSpan();
        WriteHeader(span, 0x0000, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)(bytes.Length - 12));
        var position = 12;
        foreach (var (element, value) in _elements)
        {
            if (element == 0)
            {
                continue;
            }

            WriteHeader(span[position..], element, value.Length);
            value.CopyTo(span[(position + 8)..]);
            position += 8 + value.Length;
        }

        return bytes;
    }

    private static void WriteHeader(Span<byte> span, ushort element, int length)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span, 0x0000);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], element);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)length);
    }

    /// <summary>Parses an implicit VR little endian command set; elements outside group 0000 are an error (PS3.7 6.3.1).</summary>
    public static DimseCommand Decode(ReadOnlySpan<byte> bytes)
    {
        var command = new DimseCommand();
        var position = 0;
        while (position < bytes.Length)
        {
            if (bytes.Length - position < 8)
            {
                throw new DicomFormatException("DIMSE command set truncated element header", position);
            }

            var group = BinaryPrimitives.ReadUInt16LittleEndian(bytes[position..]);
            var element = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(position + 2)..]);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(position + 4)..]);
            var tag = new DicomTag(group, element);
            if (group != 0x0000)
            {
                throw new DicomFormatException("DIMSE command set holds an element outside group 0000", position, tag);
            }

            if (length > (uint)(bytes.Length - position - 8))
            {
                throw new DicomFormatException($"DIMSE command element length {length} runs past the command set", position, tag);
            }

            command._elements[element] = bytes.Slice(position + 8, (int)length).ToArray();
            position += 8 + (int)length;
        }

        if (!command.Contains(CommandFieldElement))
        {
            throw new DicomFormatException("DIMSE command set without Command Field", 0, new DicomTag(0, CommandFieldElement));
        }

        return command;
    }

    public override string ToString() => $"{CommandField} id {(IsRequest ? MessageId : MessageIdBeingRespondedTo)}";
}
