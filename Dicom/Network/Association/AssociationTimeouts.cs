namespace CloudFilm.Dicom.Network.Association;

/// <summary>
/// Timers of an association. <see cref="Artim"/> is the ARTIM timer of PS3.8 9.1.5: how long an acceptor waits for
/// A-ASSOCIATE-RQ after a connection opens, and how long either side waits for the peer to close after a reject,
/// release response or abort. <see cref="Idle"/> aborts an association on which nothing arrives; <see cref="DimseResponse"/>
/// bounds how long an SCU waits for each response of an operation.
/// </summary>
public sealed record AssociationTimeouts
{
    public TimeSpan Artim { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Idle { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan DimseResponse { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Time to open the TCP connection (and TLS handshake) as requestor.</summary>
    public TimeSpan Connect { get; init; } = TimeSpan.FromSeconds(15);
}
