using CloudFilm.Dicom.Network.Pdus;

namespace CloudFilm.Dicom.Network;

/// <summary>
/// A protocol error on a DICOM association (PS3.8): a malformed or unexpected PDU, a timeout, a refused
/// association. <see cref="AbortReason"/> says what the A-ABORT sent to the peer should carry, when one is sent.
/// </summary>
public class DicomNetworkException : DicomException
{
    public DicomNetworkException(string message, AbortReason abortReason = AbortReason.NotSpecified)
        : base(message) => AbortReason = abortReason;

    public DicomNetworkException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Reason field of the A-ABORT PDU this error calls for (PS3.8 9.3.8).</summary>
    public AbortReason AbortReason { get; }
}
