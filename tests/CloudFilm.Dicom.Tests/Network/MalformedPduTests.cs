using CloudFilm.Dicom.Network;
using CloudFilm.Dicom.Network.Pdus;

namespace CloudFilm.Dicom.Tests.Network;

public class MalformedPduTests
{
    private static byte[] Body(Pdu pdu)
    {
        using var buffer = new PduBuffer();
        pdu.WriteTo(buffer);
        return buffer.Written[Pdu.HeaderLength..].ToArray();
    }

    [Fact]
    public void Truncated_associate_request_names_the_offset()
    {
        var body = Body(PduRoundTripTests.FullRequest());
        var act = () => AssociateRequestPdu.Parse(body.AsSpan(0, body.Length - 3));
        act.Should().Throw<DicomNetworkException>().WithMessage("*truncated*offset*")
            .Which.AbortReason.Should().Be(AbortReason.InvalidPduParameterValue);
    }

    [Fact]
    public void Associate_request_shorter_than_its_fixed_fields_is_rejected()
    {
        var act = () => AssociateRequestPdu.Parse(new byte[20]);
        act.Should().Throw<DicomNetworkException>();
    }

    [Fact]
    public void Associate_request_without_application_context_is_rejected()
    {
        var body = new byte[68];
        body[1] = 1;
        var act = () => AssociateRequestPdu.Parse(body);
        act.Should().Throw<DicomNetworkException>().WithMessage("*application context*");
    }

    [Fact]
    public void Unknown_item_types_in_an_associate_request_are_skipped()
    {
        var body = Body(PduRoundTripTests.FullRequest()).ToList();
        // Append an item of unknown type 0x7F with 3 bytes of value.
        body.AddRange(new byte[] { 0x7F, 0, 0, 3, 9, 9, 9 });
        var parsed = AssociateRequestPdu.Parse(body.ToArray());
        parsed.PresentationContexts.Should().HaveCount(2);
    }

    [Fact]
    public void Data_transfer_item_longer_than_the_pdu_is_rejected()
    {
        var body = new byte[] { 0, 0, 0, 50, 1, 3, 1, 2 };
        var act = () => DataTransferPdu.Parse(body);
        act.Should().Throw<DicomNetworkException>().WithMessage("*PDV item length 50*");
    }

    [Fact]
    public void Data_transfer_without_values_is_rejected()
    {
        var act = () => DataTransferPdu.Parse(Array.Empty<byte>());
        act.Should().Throw<DicomNetworkException>().WithMessage("*without presentation data values*");
    }

    [Fact]
    public void Data_transfer_item_of_length_below_two_is_rejected()
    {
        var act = () => DataTransferPdu.Parse(new byte[] { 0, 0, 0, 1, 1, 0 });
        act.Should().Throw<DicomNetworkException>();
    }

    [Fact]
    public void Unknown_pdu_type_is_refused_with_unrecognized_pdu()
    {
        var act = () => Pdu.Parse((PduType)0x09, Array.Empty<byte>());
        act.Should().Throw<DicomNetworkException>().Which.AbortReason.Should().Be(AbortReason.UnrecognizedPdu);
    }

    [Fact]
    public void Item_value_longer_than_16_bits_cannot_be_written()
    {
        var request = new AssociateRequestPdu
        {
            CalledAeTitle = "A",
            CallingAeTitle = "B",
            UserInformation = new UserInformation { ImplementationClassUid = "1.2", OtherItems = [new RawSubItem(0x57, new byte[70000])] },
        };
        using var buffer = new PduBuffer();
        var act = () => request.WriteTo(buffer);
        act.Should().Throw<DicomNetworkException>().WithMessage("*16-bit*");
    }
}
