using CloudFilm.Dicom.Network.Pdus;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Network;

public class PduRoundTripTests
{
    private static byte[] Encode(Pdu pdu)
    {
        using var buffer = new PduBuffer(16);
        pdu.WriteTo(buffer);
        return buffer.Written.ToArray();
    }

    private static Pdu Decode(byte[] bytes)
    {
        bytes.Length.Should().BeGreaterThanOrEqualTo(Pdu.HeaderLength);
        var declared = (bytes[2] << 24) | (bytes[3] << 16) | (bytes[4] << 8) | bytes[5];
        declared.Should().Be(bytes.Length - Pdu.HeaderLength, "the PDU length field counts the body only");
        return Pdu.Parse((PduType)bytes[0], bytes.AsMemory(Pdu.HeaderLength));
    }

    internal static AssociateRequestPdu FullRequest() => new()
    {
        CalledAeTitle = "ARCHIVE",
        CallingAeTitle = "MODALITY1",
        PresentationContexts =
        [
            new PresentationContextProposal(1, DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian]),
            new PresentationContextProposal(3, DicomUids.CTImageStorage, [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian, DicomUids.JPEGLSLossless]),
        ],
        UserInformation = new UserInformation
        {
            MaxPduLength = 16384,
            ImplementationClassUid = "1.2.3.4.5",
            ImplementationVersionName = "TEST_1",
            AsyncOperationsWindow = (5, 1),
            RoleSelections = [new RoleSelection(DicomUids.CTImageStorage, ScuRole: false, ScpRole: true)],
            Identity = UserIdentity.FromUsernameAndPasscode("radiologist", "s3cret", positiveResponseRequested: true),
            OtherItems = [new RawSubItem(0x56, new byte[] { 0, 3, (byte)'1', (byte)'.', (byte)'2', 1 })],
        },
    };

    [Fact]
    public void Associate_request_round_trips_every_item_and_sub_item()
    {
        var original = FullRequest();
        var decoded = (AssociateRequestPdu)Decode(Encode(original));

        decoded.CalledAeTitle.Should().Be("ARCHIVE");
        decoded.CallingAeTitle.Should().Be("MODALITY1");
        decoded.ApplicationContextName.Should().Be(DicomUids.DICOMApplicationContext);
        decoded.PresentationContexts.Should().BeEquivalentTo(original.PresentationContexts, o => o.WithStrictOrdering());
        var info = decoded.UserInformation;
        info.MaxPduLength.Should().Be(16384);
        info.ImplementationClassUid.Should().Be("1.2.3.4.5");
        info.ImplementationVersionName.Should().Be("TEST_1");
        info.AsyncOperationsWindow.Should().Be(((ushort)5, (ushort)1));
        info.RoleSelections.Should().ContainSingle().Which.Should().Be(new RoleSelection(DicomUids.CTImageStorage, false, true));
        info.Identity!.IdentityType.Should().Be(UserIdentityType.UsernameAndPasscode);
        info.Identity.Username.Should().Be("radiologist");
        info.Identity.Passcode.Should().Be("s3cret");
        info.Identity.PositiveResponseRequested.Should().BeTrue();
        info.OtherItems.Should().ContainSingle().Which.ItemType.Should().Be(0x56);
        info.OtherItems[0].Value.ToArray().Should().Equal(0, 3, (byte)'1', (byte)'.', (byte)'2', 1);
    }

    [Fact]
    public void Associate_request_writes_ae_titles_as_16_space_padded_bytes()
    {
        var bytes = Encode(FullRequest());
        bytes[0].Should().Be(0x01);
        System.Text.Encoding.ASCII.GetString(bytes, 10, 16).Should().Be("ARCHIVE         ");
        System.Text.Encoding.ASCII.GetString(bytes, 26, 16).Should().Be("MODALITY1       ");
        bytes[6].Should().Be(0);
        bytes[7].Should().Be(1, "protocol version 1");
    }

    [Fact]
    public void Associate_accept_round_trips_results_roles_and_identity_response()
    {
        var original = new AssociateAcceptPdu
        {
            CalledAeTitle = "ARCHIVE",
            CallingAeTitle = "MODALITY1",
            PresentationContexts =
            [
                new PresentationContextResult(1, PresentationContextOutcome.Acceptance, DicomUids.ImplicitVRLittleEndian),
                new PresentationContextResult(3, PresentationContextOutcome.TransferSyntaxesNotSupported, DicomUids.ExplicitVRLittleEndian),
            ],
            UserInformation = new UserInformation
            {
                MaxPduLength = 0,
                ImplementationClassUid = "9.8.7",
                RoleSelections = [new RoleSelection("1.2.3", true, false)],
                IdentityServerResponse = new byte[] { 1, 2, 3 },
            },
        };
        var decoded = (AssociateAcceptPdu)Decode(Encode(original));

        decoded.PresentationContexts.Should().BeEquivalentTo(original.PresentationContexts, o => o.WithStrictOrdering());
        decoded.UserInformation.MaxPduLength.Should().Be(0u);
        decoded.UserInformation.ImplementationVersionName.Should().BeNull();
        decoded.UserInformation.RoleSelections.Should().Equal(new RoleSelection("1.2.3", true, false));
        decoded.UserInformation.IdentityServerResponse!.Value.ToArray().Should().Equal(1, 2, 3);
    }

    [Fact]
    public void Associate_reject_round_trips()
    {
        var original = new AssociateRejectPdu(RejectResult.Transient, RejectSource.ServiceProviderPresentation, RejectReason.LocalLimitExceeded);
        var bytes = Encode(original);
        bytes.Should().Equal(0x03, 0, 0, 0, 0, 4, 0, 2, 3, 2);
        Decode(bytes).Should().Be(original);
    }

    [Fact]
    public void Release_and_abort_round_trip_with_their_fixed_layout()
    {
        Encode(ReleaseRequestPdu.Instance).Should().Equal(0x05, 0, 0, 0, 0, 4, 0, 0, 0, 0);
        Encode(ReleaseResponsePdu.Instance).Should().Equal(0x06, 0, 0, 0, 0, 4, 0, 0, 0, 0);
        Decode(Encode(ReleaseRequestPdu.Instance)).Should().BeOfType<ReleaseRequestPdu>();
        Decode(Encode(ReleaseResponsePdu.Instance)).Should().BeOfType<ReleaseResponsePdu>();
        var abort = new AbortPdu(AbortSource.ServiceProvider, AbortReason.InvalidPduParameterValue);
        Encode(abort).Should().Equal(0x07, 0, 0, 0, 0, 4, 0, 0, 2, 6);
        Decode(Encode(abort)).Should().Be(abort);
    }

    [Fact]
    public void Data_transfer_round_trips_several_values_with_control_headers()
    {
        var original = new DataTransferPdu(
        [
            new PresentationDataValue(1, IsCommand: true, IsLast: true, new byte[] { 1, 2, 3, 4 }),
            new PresentationDataValue(1, IsCommand: false, IsLast: false, new byte[] { 5 }),
            new PresentationDataValue(3, IsCommand: false, IsLast: true, Array.Empty<byte>()),
        ]);
        var bytes = Encode(original);
        bytes[10].Should().Be(1, "first PDV context id");
        bytes[11].Should().Be(3, "command + last");
        var decoded = (DataTransferPdu)Decode(bytes);
        decoded.Values.Should().HaveCount(3);
        decoded.Values[0].Data.ToArray().Should().Equal(1, 2, 3, 4);
        decoded.Values[0].IsCommand.Should().BeTrue();
        decoded.Values[1].IsLast.Should().BeFalse();
        decoded.Values[1].Data.ToArray().Should().Equal(5);
        decoded.Values[2].PresentationContextId.Should().Be(3);
        decoded.Values[2].IsLast.Should().BeTrue();
        decoded.Values[2].Data.Length.Should().Be(0);
    }
}
