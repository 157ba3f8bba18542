namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>A user information sub-item this toolkit does not interpret, kept so it is not lost (PS3.8 9.3.2.3).</summary>
public sealed record RawSubItem(byte ItemType, ReadOnlyMemory<byte> Value);

/// <summary>
/// User Information item (PS3.8 9.3.2.3, PS3.7 Annex D.3.3): maximum PDU length, implementation class UID and
/// version name, asynchronous operations window, role selections and user identity. Extended negotiation
/// sub-items are carried raw in <see cref="OtherItems"/>.
/// </summary>
public sealed record UserInformation
{
    /// <summary>Maximum length of a P-DATA-TF variable field the sender can receive; 0 means no limit (PS3.8 D.1).</summary>
    public uint MaxPduLength { get; init; }

    public string ImplementationClassUid { get; init; } = "";

    public string? ImplementationVersionName { get; init; }

    /// <summary>Maximum number of operations invoked / performed asynchronously (PS3.7 D.3.3.3); null when not negotiated.</summary>
    public (ushort Invoked, ushort Performed)? AsyncOperationsWindow { get; init; }

    public IReadOnlyList<RoleSelection> RoleSelections { get; init; } = [];

    /// <summary>User identity offered by the requestor (A-ASSOCIATE-RQ only).</summary>
    public UserIdentity? Identity { get; init; }

    /// <summary>Server response to a user identity that asked for one (A-ASSOCIATE-AC only, PS3.7 D.3.3.7.2).</summary>
    public ReadOnlyMemory<byte>? IdentityServerResponse { get; init; }

    public IReadOnlyList<RawSubItem> OtherItems { get; init; } = [];
}
