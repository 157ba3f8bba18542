using System.Net;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Services;

/// <summary>Settings of a <see cref="DicomServer"/>: address, AE title, limits, timeouts, TLS, policy and C-MOVE destinations.</summary>
public sealed record DicomServerOptions
{
    public string AeTitle { get; init; } = "CLOUDFILM";

    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>0 picks a free port; read it back from <see cref="DicomServer.LocalEndPoint"/>.</summary>
    public int Port { get; init; } = 11112;

    /// <summary>Largest P-DATA-TF we announce and accept (PS3.8 D.1).</summary>
    public uint MaxPduLength { get; init; } = 256 * 1024;

    /// <summary>Largest A-ASSOCIATE-RQ accepted; bounds what an unauthenticated peer can make us buffer.</summary>
    public uint MaxAssociateRequestLength { get; init; } = 64 * 1024;

    /// <summary>Associations at once; more are rejected as transient, local limit exceeded (PS3.8 9.3.4).</summary>
    public int MaxAssociations { get; init; } = 64;

    /// <summary>Connections still negotiating at once; beyond it new connections are closed at once.</summary>
    public int MaxPendingConnections { get; init; } = 128;

    /// <summary>Largest C-STORE data set; a bigger one is refused with A700 while the rest of it is drained.</summary>
    public long MaxDataSetLength { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Largest C-FIND/C-MOVE/C-GET identifier; a bigger one aborts the association.</summary>
    public int MaxIdentifierLength { get; init; } = 1024 * 1024;

    public AssociationTimeouts Timeouts { get; init; } = new();

    public TlsServerOptions? Tls { get; init; }

    /// <summary>Who may associate; null means the called AE title must be <see cref="AeTitle"/>.</summary>
    public IAssociationPolicy? Policy { get; init; }

    /// <summary>Transfer syntaxes in the order this SCP prefers them.</summary>
    public IReadOnlyList<string> PreferredTransferSyntaxes { get; init; } = DicomTransferSyntax.UncompressedLittleEndianUids;

    /// <summary>
    /// Whether storage contexts accept a proposed syntax outside <see cref="PreferredTransferSyntaxes"/> (stored as
    /// received); false limits storage to the preferred list.
    /// </summary>
    public bool AcceptAnyStorageTransferSyntax { get; init; } = true;

    /// <summary>Storage SOP classes accepted; null accepts any storage class (a generic archive).</summary>
    public IReadOnlySet<string>? StorageSopClasses { get; init; }

    /// <summary>C-MOVE destinations by AE title (PS3.4 C.4.2.1: the SCP resolves the destination from its configuration).</summary>
    public IReadOnlyDictionary<string, RemoteApplicationEntity> MoveDestinations { get; init; } =
        new Dictionary<string, RemoteApplicationEntity>(StringComparer.Ordinal);

    /// <summary>Operations performed at once that we announce when the requestor proposes a window (PS3.7 D.3.3.3).</summary>
    public ushort MaxOperationsPerformed { get; init; } = 1;

    public IDicomNetworkLog Log { get; init; } = NullNetworkLog.Instance;
}
