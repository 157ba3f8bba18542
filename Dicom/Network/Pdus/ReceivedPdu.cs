using System.Buffers;

namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>
/// One PDU as read from the wire: its type and body in a pooled buffer. Dispose returns the buffer, after which
/// the parsed PDU's data values must not be used.
/// </summary>
public sealed class ReceivedPdu : IDisposable
{
    private byte[]? _buffer;

    internal ReceivedPdu(PduType type, byte[] buffer, int length)
    {
        Type = type;
        _buffer = buffer;
        Length = length;
    }

    public PduType Type { get; }

    /// <summary>Length of the body (the PDU length field).</summary>
    public int Length { get; }

    public ReadOnlyMemory<byte> Body => (_buffer ?? throw new ObjectDisposedException(nameof(ReceivedPdu))).AsMemory(0, Length);

    public Pdu Parse() => Pdu.Parse(Type, Body);

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
