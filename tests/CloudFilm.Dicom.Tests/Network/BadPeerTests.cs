using System.Net.Sockets;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Pdus;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Network;

/// <summary>Peers that break the protocol: each gets an abort or a closed connection, a log line naming it, and the server keeps serving.</summary>
public class BadPeerTests
{
    private static TestServer Server(int pending = 256, int associations = 64) => new(new DicomServiceHandlers { Store = new MemoryStoreHandler() }, o => o with
    {
        Timeouts = new AssociationTimeouts { Artim = TimeSpan.FromMilliseconds(800), Idle = TimeSpan.FromSeconds(1) },
        MaxPendingConnections = pending,
        MaxAssociations = associations,
    });

    private static async Task<Socket> ConnectRawAsync(int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync("127.0.0.1", port);
        return socket;
    }

    /// <summary>Everything the server sends until it closes the connection (bounded by a timeout).</summary>
    private static async Task<byte[]> ReadUntilClosedAsync(Socket socket, int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var received = new MemoryStream();
        var buffer = new byte[4096];
        while (true)
        {
            int count;
            try
            {
                count = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            }
            catch (SocketException)
            {
                break;
            }

            if (count == 0)
            {
                break;
            }

            received.Write(buffer, 0, count);
        }

        return received.ToArray();
    }

    private static async Task ServerStillServesAsync(TestServer server)
    {
        await using var client = await server.ConnectAsync(TestServer.Verification);
        (await client.EchoAsync()).Should().Be(DimseStatus.Success);
        await client.ReleaseAsync();
    }

    private static byte[] Encode(Pdu pdu)
    {
        using var buffer = new PduBuffer();
        pdu.WriteTo(buffer);
        return buffer.Written.ToArray();
    }

    [Fact]
    public async Task Garbage_instead_of_an_association_request_gets_an_abort()
    {
        await using var server = Server();
        using var socket = await ConnectRawAsync(server.Port);
        var local = $"127.0.0.1:{((System.Net.IPEndPoint)socket.LocalEndPoint!).Port}";
        await socket.SendAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());

        var answer = await ReadUntilClosedAsync(socket);
        answer.Should().Equal(0x07, 0, 0, 0, 0, 4, 0, 0, (byte)AbortSource.ServiceProvider, (byte)AbortReason.UnrecognizedPdu);
        (await server.Log.WaitForAsync(local, "unrecognized PDU type 47H")).Should().BeTrue();
        await ServerStillServesAsync(server);
    }

    [Fact]
    public async Task A_pdu_length_of_4_gb_is_aborted_without_buffering()
    {
        await using var server = Server();
        using var socket = await ConnectRawAsync(server.Port);
        var local = $"127.0.0.1:{((System.Net.IPEndPoint)socket.LocalEndPoint!).Port}";
        var before = GC.GetTotalAllocatedBytes();
        await socket.SendAsync(new byte[] { 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0, 1, 0, 0 });

        var answer = await ReadUntilClosedAsync(socket);
        answer.Should().Equal(0x07, 0, 0, 0, 0, 4, 0, 0, 2, (byte)AbortReason.InvalidPduParameterValue);
        (GC.GetTotalAllocatedBytes() - before).Should().BeLessThan(200L * 1024 * 1024, "nothing near 4 GB may be allocated");
        (await server.Log.WaitForAsync(local, "4294967295")).Should().BeTrue();
        await ServerStillServesAsync(server);
    }

    [Fact]
    public async Task Data_before_association_gets_an_unexpected_pdu_abort()
    {
        await using var server = Server();
        using var socket = await ConnectRawAsync(server.Port);
        var local = $"127.0.0.1:{((System.Net.IPEndPoint)socket.LocalEndPoint!).Port}";
        await socket.SendAsync(Encode(new DataTransferPdu([new PresentationDataValue(1, true, true, new byte[] { 1, 2, 3, 4 })])));

        var answer = await ReadUntilClosedAsync(socket);
        answer.Should().Equal(0x07, 0, 0, 0, 0, 4, 0, 0, 2, (byte)AbortReason.UnexpectedPdu);
        (await server.Log.WaitForAsync(local, "instead of A-ASSOCIATE-RQ")).Should().BeTrue();
    }

    [Fact]
    public async Task An_abort_before_association_is_not_answered()
    {
        await using var server = Server();
        using var socket = await ConnectRawAsync(server.Port);
        var local = $"127.0.0.1:{((System.Net.IPEndPoint)socket.LocalEndPoint!).Port}";
        await socket.SendAsync(Encode(new AbortPdu(AbortSource.ServiceUser, AbortReason.NotSpecified)));

        (await ReadUntilClosedAsync(socket)).Should().BeEmpty();
        (await server.Log.WaitForAsync(local, "aborted by the peer")).Should().BeTrue();
    }

    [Fact]
    public async Task A_peer_stopping_mid_request_is_dropped_after_artim()
    {
        await using var server = Server();
        using var socket = await ConnectRawAsync(server.Port);
        var local = $"127.0.0.1:{((System.Net.IPEndPoint)socket.LocalEndPoint!).Port}";
        var request = Encode(PduRoundTripTests.FullRequest());
        await socket.SendAsync(request.AsMemory(0, 40));

        var started = DateTime.UtcNow;
        var answer = await ReadUntilClosedAsync(socket);
        answer.Should().BeEmpty();
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(8));
        (await server.Log.WaitForAsync(local, "ARTIM")).Should().BeTrue();
        await ServerStillServesAsync(server);
    }

    [Fact]
    public async Task A_peer_stopping_mid_data_pdu_is_aborted_by_the_idle_timer()
    {
        await using var server = Server();
        using var socket = await ConnectRawAsync(server.Port);
        var request = new AssociateRequestPdu
        {
            CalledAeTitle = "TESTSCP",
            CallingAeTitle = "HALFWAY",
            PresentationContexts = [new PresentationContextProposal(1, DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])],
            UserInformation = new UserInformation { MaxPduLength = 16384, ImplementationClassUid = "1.2.3" },
        };
        await socket.SendAsync(Encode(request));
        var accept = new byte[6];
        await socket.ReceiveAsync(accept);
        accept[0].Should().Be((byte)PduType.AssociateAccept);
        var data = Encode(new DataTransferPdu([new PresentationDataValue(1, true, true, DimseMessages.EchoRequest(1).Encode())]));
        await socket.SendAsync(data.AsMemory(0, data.Length / 2));

        var rest = await ReadUntilClosedAsync(socket);
        rest.AsSpan().IndexOf(new byte[] { 0x07, 0, 0, 0, 0, 4, 0, 0, 2 }).Should().BeGreaterThanOrEqualTo(0, "the server aborts the stalled association");
        (await server.Log.WaitForAsync("HALFWAY->TESTSCP", "idle")).Should().BeTrue();
    }

    [Fact]
    public async Task A_pdu_above_the_negotiated_maximum_aborts_the_association()
    {
        await using var server = new TestServer(new DicomServiceHandlers { Store = new MemoryStoreHandler() }, o => o with { MaxPduLength = 4096 });
        using var socket = await ConnectRawAsync(server.Port);
        var request = new AssociateRequestPdu
        {
            CalledAeTitle = "TESTSCP",
            CallingAeTitle = "BIGPDU",
            PresentationContexts = [new PresentationContextProposal(1, DicomUids.CTImageStorage, [DicomUids.ExplicitVRLittleEndian])],
            UserInformation = new UserInformation { MaxPduLength = 16384, ImplementationClassUid = "1.2.3" },
        };
        await socket.SendAsync(Encode(request));
        await Task.Delay(100);
        await socket.SendAsync(Encode(new DataTransferPdu([new PresentationDataValue(1, false, false, new byte[20000])])));

        var rest = await ReadUntilClosedAsync(socket);
        rest.AsSpan().IndexOf(new byte[] { 0x07, 0, 0, 0, 0, 4, 0, 0, 2, (byte)AbortReason.InvalidPduParameterValue }).Should().BeGreaterThanOrEqualTo(0);
        (await server.Log.WaitForAsync("BIGPDU->TESTSCP", "more than the")).Should().BeTrue();
    }

    [Fact]
    public async Task A_flood_of_200_connections_is_handled_and_others_are_still_served()
    {
        await using var server = Server(pending: 256, associations: 20);
        var sockets = new List<Socket>();
        try
        {
            var validRequest = Encode(new AssociateRequestPdu
            {
                CalledAeTitle = "TESTSCP",
                CallingAeTitle = "FLOOD",
                PresentationContexts = [new PresentationContextProposal(1, DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])],
                UserInformation = new UserInformation { MaxPduLength = 16384, ImplementationClassUid = "1.2.3" },
            });
            for (var i = 0; i < 200; i++)
            {
                var socket = await ConnectRawAsync(server.Port);
                sockets.Add(socket);
                // A third send garbage, a third valid requests they never use, a third nothing at all.
                if (i % 3 == 0)
                {
                    await socket.SendAsync(new byte[] { 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42 });
                }
                else if (i % 3 == 1)
                {
                    await socket.SendAsync(validRequest);
                }
            }

            // Someone else still gets served while the flood is connected; retry in case the association limit is full for a moment.
            var served = false;
            for (var attempt = 0; attempt < 50 && !served; attempt++)
            {
                try
                {
                    await ServerStillServesAsync(server);
                    served = true;
                }
                catch (AssociationRejectedException e) when (e.Reject.Reason == RejectReason.LocalLimitExceeded)
                {
                    await Task.Delay(100);
                }
            }

            served.Should().BeTrue();
            var answers = await Task.WhenAll(sockets.Select(s => ReadUntilClosedAsync(s, 15)));
            answers.Where((_, i) => i % 3 == 0).Should().OnlyContain(a => a.Length == 10 && a[0] == 0x07, "garbage gets an abort");
            answers.Where((_, i) => i % 3 == 2).Should().OnlyContain(a => a.Length == 0, "silent connections are closed after ARTIM");
            var requested = answers.Where((_, i) => i % 3 == 1).ToList();
            requested.Count(a => a.Length > 0 && a[0] == 0x02).Should().BeLessThanOrEqualTo(20, "no more associations than the limit");
            requested.Count(a => a.Length >= 10 && a[0] == 0x03 && a[7] == 2 && a[8] == 3 && a[9] == 2)
                .Should().BeGreaterThanOrEqualTo(40, "the rest are rejected as transient, local limit exceeded");
            server.Log.Has("FLOOD->TESTSCP@127.0.0.1", "rejected").Should().BeTrue();
            await AssociationPolicyTests.WaitUntilAsync(() => server.Server.ActiveAssociations == 0);
            await ServerStillServesAsync(server);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    [Fact]
    public async Task Connections_beyond_the_pending_limit_are_closed_at_once()
    {
        await using var server = Server(pending: 10);
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < 30; i++)
            {
                sockets.Add(await ConnectRawAsync(server.Port));
            }

            (await server.Log.WaitForAsync("too many connections")).Should().BeTrue();
            var answers = await Task.WhenAll(sockets.Select(s => ReadUntilClosedAsync(s, 15)));
            answers.Should().OnlyContain(a => a.Length == 0);
            await ServerStillServesAsync(server);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }
}
