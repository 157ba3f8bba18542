using System.Buffers.Binary;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Network;

public class DimseCommandTests
{
    [Fact]
    public void Store_request_round_trips_with_an_exact_group_length()
    {
        var request = DimseMessages.StoreRequest(7, DicomUids.CTImageStorage, "1.2.3.4.5", 2, "MOVER", 9);
        request.HasDataSet = true;
        var bytes = request.Encode();

        BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)).Should().Be((uint)(bytes.Length - 12));
        (bytes.Length % 2).Should().Be(0);
        var decoded = DimseCommand.Decode(bytes);
        decoded.CommandField.Should().Be(DimseCommandField.CStoreRequest);
        decoded.MessageId.Should().Be(7);
        decoded.AffectedSopClassUid.Should().Be(DicomUids.CTImageStorage);
        decoded.AffectedSopInstanceUid.Should().Be("1.2.3.4.5");
        decoded.Priority.Should().Be(2);
        decoded.MoveOriginatorAeTitle.Should().Be("MOVER");
        decoded.MoveOriginatorMessageId.Should().Be(9);
        decoded.HasDataSet.Should().BeTrue();
        decoded.IsRequest.Should().BeTrue();
    }

    [Fact]
    public void Uids_are_padded_with_nul_and_ae_titles_with_space()
    {
        var command = DimseMessages.MoveRequest(1, "1.2.3", "ABC");
        var bytes = command.Encode();
        // (0000,0002) is the first element after the group length: tag, length 6, "1.2.3\0".
        BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(14)).Should().Be(0x0002);
        BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16)).Should().Be(6u);
        bytes[25].Should().Be(0);
        DimseCommand.Decode(bytes).MoveDestination.Should().Be("ABC");
        var at = bytes.AsSpan().IndexOf("ABC"u8);
        bytes[at + 3].Should().Be((byte)' ');
    }

    [Fact]
    public void Response_copies_uids_and_counts_from_the_request()
    {
        var request = DimseMessages.StoreRequest(11, "1.2.3", "4.5.6");
        var response = DimseMessages.Response(request, DimseStatus.DataSetDoesNotMatchSopClassWarning);
        response.CompletedSubOperations = 3;
        var decoded = DimseCommand.Decode(response.Encode());
        decoded.CommandField.Should().Be(DimseCommandField.CStoreResponse);
        decoded.MessageIdBeingRespondedTo.Should().Be(11);
        decoded.AffectedSopInstanceUid.Should().Be("4.5.6");
        decoded.Status.Category.Should().Be(DimseStatusCategory.Warning);
        decoded.HasDataSet.Should().BeFalse();
        decoded.CompletedSubOperations.Should().Be(3);
        decoded.FailedSubOperations.Should().BeNull();
    }

    [Fact]
    public void Elements_outside_group_0000_are_refused()
    {
        var bytes = new byte[] { 0x08, 0x00, 0x16, 0x00, 2, 0, 0, 0, (byte)'1', 0 };
        var act = () => DimseCommand.Decode(bytes);
        act.Should().Throw<DicomFormatException>().Which.Tag.Should().Be(DicomTags.SOPClassUID);
    }

    [Fact]
    public void Element_running_past_the_end_is_refused()
    {
        var bytes = new byte[] { 0, 0, 0x00, 0x01, 200, 0, 0, 0, 1, 0 };
        var act = () => DimseCommand.Decode(bytes);
        act.Should().Throw<DicomFormatException>().WithMessage("*runs past*");
    }

    [Theory]
    [InlineData(0x0000, DimseStatusCategory.Success)]
    [InlineData(0xFF00, DimseStatusCategory.Pending)]
    [InlineData(0xFF01, DimseStatusCategory.Pending)]
    [InlineData(0xFE00, DimseStatusCategory.Cancel)]
    [InlineData(0xB007, DimseStatusCategory.Warning)]
    [InlineData(0xA700, DimseStatusCategory.Failure)]
    [InlineData(0xA900, DimseStatusCategory.Failure)]
    [InlineData(0xC123, DimseStatusCategory.Failure)]
    [InlineData(0x0122, DimseStatusCategory.Failure)]
    public void Status_categories_follow_ps3_7_annex_c(int code, DimseStatusCategory category) =>
        new DimseStatus((ushort)code).Category.Should().Be(category);

    [Fact]
    public void Echo_request_names_the_verification_class_and_no_data_set()
    {
        var decoded = DimseCommand.Decode(DimseMessages.EchoRequest(3).Encode());
        decoded.AffectedSopClassUid.Should().Be(DicomUids.Verification);
        decoded.HasDataSet.Should().BeFalse();
        decoded.GetUInt16(DimseCommand.CommandDataSetTypeElement).Should().Be(0x0101);
    }
}
