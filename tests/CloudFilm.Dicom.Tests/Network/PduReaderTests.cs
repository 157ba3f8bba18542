using System.IO.Pipelines;
using CloudFilm.Dicom.Network;
using CloudFilm.Dicom.Network.Pdus;

namespace CloudFilm.Dicom.Tests.Network;

public class PduReaderTests
{
    private static PduReader ReaderOver(byte[] bytes, uint max = 1024) =>
        new(PipeReader.Create(new MemoryStream(bytes)), max);

    [Fact]
    public async Task Reads_consecutive_pdus_then_null_at_clean_end()
    {
        using var buffer = new PduBuffer();
        ReleaseRequestPdu.Instance.WriteTo(buffer);
        new AbortPdu(AbortSource.ServiceUser, AbortReason.NotSpecified).WriteTo(buffer);
        var reader = ReaderOver(buffer.Written.ToArray());

        using (var first = await reader.ReadAsync(CancellationToken.None))
        {
            first!.Type.Should().Be(PduType.ReleaseRequest);
        }

        using (var second = await reader.ReadAsync(CancellationToken.None))
        {
            second!.Parse().Should().Be(new AbortPdu(AbortSource.ServiceUser, AbortReason.NotSpecified));
        }

        (await reader.ReadAsync(CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task A_4_gb_length_is_refused_from_the_header_alone_without_allocating()
    {
        var reader = ReaderOver([0x04, 0, 0xFF, 0xFF, 0xFF, 0xFF], max: 16384);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var act = async () => await reader.ReadAsync(CancellationToken.None);
        (await act.Should().ThrowAsync<DicomNetworkException>()).WithMessage("*4294967295*more than the 16384*");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1024 * 1024);
    }

    [Fact]
    public async Task A_connection_closed_mid_pdu_is_an_error_not_a_clean_end()
    {
        var reader = ReaderOver([0x05, 0, 0, 0, 0, 4, 0, 0]);
        var act = async () => await reader.ReadAsync(CancellationToken.None);
        (await act.Should().ThrowAsync<DicomNetworkException>()).WithMessage("*middle of a PDU*");
    }

    [Fact]
    public async Task Garbage_type_byte_is_an_unrecognized_pdu()
    {
        var reader = ReaderOver("GET / HTTP/1.1\r\n"u8.ToArray());
        var act = async () => await reader.ReadAsync(CancellationToken.None);
        (await act.Should().ThrowAsync<DicomNetworkException>()).Which.AbortReason.Should().Be(AbortReason.UnrecognizedPdu);
    }
}
