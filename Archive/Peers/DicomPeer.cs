namespace CloudFilm.Archive.Peers;

/// <summary>
/// A DICOM application entity allowed to associate with the front node: calling AE title + IP address. A peer with
/// a port is also a C-MOVE destination.
/// </summary>
public sealed record DicomPeer(string AeTitle, string IpAddress, int? Port, string Description, DateTimeOffset CreatedAt);
