namespace CloudFilm.Dicom.Network.Association;

/// <summary>How an association ended.</summary>
public enum AssociationEnd
{
    /// <summary>Orderly A-RELEASE (PS3.8 7.2).</summary>
    Released,
    /// <summary>The peer sent A-ABORT (PS3.8 7.3).</summary>
    AbortedByPeer,
    /// <summary>We sent A-ABORT: protocol error, timeout, or a local request.</summary>
    AbortedLocally,
    /// <summary>The transport closed without release or abort (A-P-ABORT, PS3.8 7.4).</summary>
    ConnectionLost,
}
