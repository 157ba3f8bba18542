namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>
/// Encoding shared by A-ASSOCIATE-RQ and -AC (PS3.8 9.3.2, 9.3.3): the fixed header of protocol version and AE
/// titles, and the item types both carry. Items have a 1-byte type, a reserved byte and a 16-bit length.
/// </summary>
internal static class AssociateItems
{
    public const byte ApplicationContext = 0x10;
    public const byte PresentationContextRequest = 0x20;
    public const byte PresentationContextAccept = 0x21;
    public const byte AbstractSyntax = 0x30;
    public const byte TransferSyntax = 0x40;
    public const byte UserInformation = 0x50;
    public const byte MaxLength = 0x51;
    public const byte ImplementationClassUid = 0x52;
    public const byte AsyncOperationsWindow = 0x53;
    public const byte RoleSelection = 0x54;
    public const byte ImplementationVersionName = 0x55;
    public const byte UserIdentityRequest = 0x58;
    public const byte UserIdentityResponse = 0x59;

    /// <summary>Bytes before the first item: version, reserved, called AE, calling AE, 32 reserved.</summary>
    public const int FixedFieldsLength = 68;

    public static void WriteFixedFields(PduBuffer buffer, ushort protocolVersion, string calledAe, string callingAe)
    {
        buffer.WriteUInt16(protocolVersion);
        buffer.WriteZeros(2);
        buffer.WriteFixedAscii(calledAe, 16);
        buffer.WriteFixedAscii(callingAe, 16);
        buffer.WriteZeros(32);
    }

    public static (ushort Version, string CalledAe, string CallingAe) ReadFixedFields(ref PduSpanReader reader)
    {
        var version = reader.ReadUInt16();
        reader.Skip(2);
        var called = reader.ReadAscii(16);
        var calling = reader.ReadAscii(16);
        reader.Skip(32);
        return (version, called, calling);
    }

    public static int BeginItem(PduBuffer buffer, byte type)
    {
        buffer.WriteByte(type);
        buffer.WriteByte(0);
        return buffer.Reserve(2);
    }

    public static void EndItem(PduBuffer buffer, int lengthAt)
    {
        var length = buffer.Length - lengthAt - 2;
        if (length > ushort.MaxValue)
        {
            throw new DicomNetworkException($"PDU item of {length} bytes exceeds the 16-bit item length");
        }

        buffer.PatchUInt16(lengthAt, (ushort)length);
    }

    public static void WriteUidItem(PduBuffer buffer, byte type, string uid)
    {
        var at = BeginItem(buffer, type);
        buffer.WriteAscii(uid);
        EndItem(buffer, at);
    }

    /// <summary>Reads an item header and returns its value; the reader moves past the item.</summary>
    public static byte ReadItem(ref PduSpanReader reader, out ReadOnlySpan<byte> value, out int valueOffset)
    {
        var type = reader.ReadByte();
        reader.Skip(1);
        var length = reader.ReadUInt16();
        valueOffset = reader.AbsoluteOffset;
        value = reader.Take(length);
        return type;
    }

    public static void WriteUserInformation(PduBuffer buffer, UserInformation info, bool isRequest)
    {
        var at = BeginItem(buffer, UserInformation);

        var sub = BeginItem(buffer, MaxLength);
        buffer.WriteUInt32(info.MaxPduLength);
        EndItem(buffer, sub);

        WriteUidItem(buffer, ImplementationClassUid, info.ImplementationClassUid);

        if (info.AsyncOperationsWindow is { } window)
        {
            sub = BeginItem(buffer, AsyncOperationsWindow);
            buffer.WriteUInt16(window.Invoked);
            buffer.WriteUInt16(window.Performed);
            EndItem(buffer, sub);
        }

        foreach (var role in info.RoleSelections)
        {
            sub = BeginItem(buffer, RoleSelection);
            buffer.WriteUInt16((ushort)role.SopClassUid.Length);
            buffer.WriteAscii(role.SopClassUid);
            buffer.WriteByte(role.ScuRole ? (byte)1 : (byte)0);
            buffer.WriteByte(role.ScpRole ? (byte)1 : (byte)0);
            EndItem(buffer, sub);
        }

        if (info.ImplementationVersionName is { Length: > 0 } versionName)
        {
            WriteUidItem(buffer, ImplementationVersionName, versionName.Length > 16 ? versionName[..16] : versionName);
        }

        foreach (var other in info.OtherItems)
        {
            sub = BeginItem(buffer, other.ItemType);
            buffer.WriteBytes(other.Value.Span);
            EndItem(buffer, sub);
        }

        if (isRequest && info.Identity is { } identity)
        {
            if (identity.PrimaryField.Length > ushort.MaxValue || identity.SecondaryField.Length > ushort.MaxValue)
            {
                throw new DicomNetworkException("user identity field longer than the 16-bit length allows (PS3.7 D.3.3.7.1)");
            }

            sub = BeginItem(buffer, UserIdentityRequest);
            buffer.WriteByte((byte)identity.IdentityType);
            buffer.WriteByte(identity.PositiveResponseRequested ? (byte)1 : (byte)0);
            buffer.WriteUInt16((ushort)identity.PrimaryField.Length);
            buffer.WriteBytes(identity.PrimaryField.Span);
            buffer.WriteUInt16((ushort)identity.SecondaryField.Length);
            buffer.WriteBytes(identity.SecondaryField.Span);
            EndItem(buffer, sub);
        }

        if (!isRequest && info.IdentityServerResponse is { } response)
        {
            sub = BeginItem(buffer, UserIdentityResponse);
            buffer.WriteUInt16((ushort)response.Length);
            buffer.WriteBytes(response.Span);
            EndItem(buffer, sub);
        }

        EndItem(buffer, at);
    }

    public static UserInformation ReadUserInformation(ReadOnlySpan<byte> value, int baseOffset)
    {
        var reader = new PduSpanReader(value, baseOffset);
        uint maxLength = 0;
        string implementationUid = "";
        string? versionName = null;
        (ushort, ushort)? window = null;
        UserIdentity? identity = null;
        ReadOnlyMemory<byte>? identityResponse = null;
        var roles = new List<RoleSelection>();
        var others = new List<RawSubItem>();

        while (!reader.End)
        {
            var type = ReadItem(ref reader, out var item, out var offset);
            var sub = new PduSpanReader(item, offset);
            switch (type)
            {
                case MaxLength:
                    maxLength = sub.ReadUInt32();
                    break;
                case ImplementationClassUid:
                    implementationUid = PduSpanReader.DecodeAscii(item);
                    break;
                case ImplementationVersionName:
                    versionName = PduSpanReader.DecodeAscii(item);
                    break;
                case AsyncOperationsWindow:
                    window = (sub.ReadUInt16(), sub.ReadUInt16());
                    break;
                case RoleSelection:
                    var uidLength = sub.ReadUInt16();
                    var uid = sub.ReadAscii(uidLength);
                    roles.Add(new RoleSelection(uid, sub.ReadByte() == 1, sub.ReadByte() == 1));
                    break;
                case UserIdentityRequest:
                    var identityType = (UserIdentityType)sub.ReadByte();
                    var positive = sub.ReadByte() == 1;
                    var primary = sub.Take(sub.ReadUInt16()).ToArray();
                    var secondary = sub.End ? [] : sub.Take(sub.ReadUInt16()).ToArray();
                    identity = new UserIdentity(identityType, positive, primary, secondary);
                    break;
                case UserIdentityResponse:
                    identityResponse = sub.Take(sub.ReadUInt16()).ToArray();
                    break;
                default:
                    others.Add(new RawSubItem(type, item.ToArray()));
                    break;
            }
        }

        return new UserInformation
        {
            MaxPduLength = maxLength,
            ImplementationClassUid = implementationUid,
            ImplementationVersionName = versionName,
            AsyncOperationsWindow = window,
            RoleSelections = roles,
            Identity = identity,
            IdentityServerResponse = identityResponse,
            OtherItems = others,
        };
    }
}
