using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Network;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Identifiers;
using CloudFilm.Dicom.Network.Pdus;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Network;

public class ReleaseAndIdleTests
{
    private static byte[] Encode(Pdu pdu)
    {
        using var buffer = new PduBuffer();
        pdu.WriteTo(buffer);
        return buffer.Written.ToArray();
    }

    private static async Task<byte[]> ReadPduAsync(Socket socket)
    {
        var header = new byte[6];
        await socket.ReceiveAsync(header.AsMemory(), SocketFlags.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var length = (header[2] << 24) | (header[3] << 16) | (header[4] << 8) | header[5];
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            read += await socket.ReceiveAsync(body.AsMemory(read), SocketFlags.None);
        }

        return [.. header, .. body];
    }

    [Fact]
    public async Task A_release_collision_completes_on_the_requestor_side()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        // A scripted acceptor: accepts, then answers our A-RELEASE-RQ with its own A-RELEASE-RQ (PS3.8 9.2.3, AR-8).
        var acceptor = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            var request = await ReadPduAsync(socket);
            request[0].Should().Be((byte)PduType.AssociateRequest);
            await socket.SendAsync(Encode(new AssociateAcceptPdu
            {
                PresentationContexts = [new PresentationContextResult(1, PresentationContextOutcome.Acceptance, DicomUids.ImplicitVRLittleEndian)],
                UserInformation = new UserInformation { MaxPduLength = 16384, ImplementationClassUid = "1.2.3" },
            }));
            (await ReadPduAsync(socket))[0].Should().Be((byte)PduType.ReleaseRequest);
            await socket.SendAsync(Encode(ReleaseRequestPdu.Instance));
            var answer = await ReadPduAsync(socket);
            await socket.SendAsync(Encode(ReleaseResponsePdu.Instance));
            return answer[0];
        });

        await using var client = await DicomClient.ConnectAsync(new AssociationRequestOptions
        {
            Host = "127.0.0.1",
            Port = port,
            PresentationContexts = [new PresentationContextRequest(DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])],
        }, CancellationToken.None);
        await client.ReleaseAsync().WaitAsync(TimeSpan.FromSeconds(10));

        (await acceptor).Should().Be((byte)PduType.ReleaseResponse, "the requestor answers the collision with A-RELEASE-RP (AR-9)");
        (await client.Association.Completion).Should().Be(AssociationEnd.Released);
        client.Association.State.Should().Be(AssociationState.Idle);
    }

    private sealed class SlowFind : IFindHandler
    {
        public async IAsyncEnumerable<FindMatch> FindAsync(FindRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (var i = 0; i < 12; i++)
            {
                await Task.Delay(200, cancellationToken);
                yield return new FindMatch(new IdentifierBuilder().Add(DicomTags.QueryRetrieveLevel, "STUDY").ToImplicitLittleEndian());
            }
        }
    }

    [Fact]
    public async Task An_scp_sending_responses_is_not_idle_while_its_peer_is_silent()
    {
        await using var server = new TestServer(new DicomServiceHandlers { Find = new SlowFind() }, o => o with
        {
            Timeouts = new AssociationTimeouts { Idle = TimeSpan.FromMilliseconds(1500) },
        });
        var request = server.Request(new PresentationContextRequest(DicomUids.StudyRootQueryRetrieveInformationModelFind, [DicomUids.ImplicitVRLittleEndian]));
        await using var client = await DicomClient.ConnectAsync(request, CancellationToken.None);

        var responses = new List<DimseResponse>();
        try
        {
            responses = await client.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, new IdentifierBuilder().Add(DicomTags.QueryRetrieveLevel, "STUDY").ToImplicitLittleEndian()).ToListAsync();
        }
        catch (DicomNetworkException e)
        {
            throw new InvalidOperationException(string.Join("\n", server.Log.Lines), e);
        }

        await client.ReleaseAsync();

        responses.Should().HaveCount(13, "12 matches over 2.4 s, longer than the 1.5 s idle timeout, then the final response");
        responses[^1].Status.Should().Be(DimseStatus.Success);
        server.Log.Has("idle").Should().BeFalse();
    }
}
