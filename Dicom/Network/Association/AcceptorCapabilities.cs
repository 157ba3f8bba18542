using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Association;

/// <summary>
/// What an acceptor can do, as the presentation context negotiation needs it: which services it offers and
/// which transfer syntaxes it prefers, in order.
/// </summary>
public sealed record AcceptorCapabilities
{
    public bool Verification { get; init; } = true;

    public bool Storage { get; init; }

    public bool Find { get; init; }

    public bool Move { get; init; }

    public bool Get { get; init; }

    /// <summary>
    /// Storage SOP classes accepted; null accepts any abstract syntax that is not a known non-storage service,
    /// as a generic archive does.
    /// </summary>
    public IReadOnlySet<string>? StorageSopClasses { get; init; }

    /// <summary>The acceptor's transfer syntax preference (PS3.8 7.1.1.13: the acceptor picks one of those proposed).</summary>
    public IReadOnlyList<string> PreferredTransferSyntaxes { get; init; } = DicomTransferSyntax.UncompressedLittleEndianUids;

    /// <summary>
    /// For storage: whether a proposed syntax outside <see cref="PreferredTransferSyntaxes"/> is accepted anyway
    /// (stored as received). A storage SCP that keeps bytes as they come can take any syntax.
    /// </summary>
    public bool AcceptAnyStorageTransferSyntax { get; init; } = true;
}
