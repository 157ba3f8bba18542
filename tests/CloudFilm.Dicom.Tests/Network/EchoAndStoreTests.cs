using CloudFilm.Dicom.Network;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Network;

public class EchoAndStoreTests
{
    [Fact]
    public async Task Echo_succeeds_and_the_server_logs_the_calling_ae()
    {
        await using var server = new TestServer(new DicomServiceHandlers());
        await using var client = await server.ConnectAsync(TestServer.Verification);

        (await client.EchoAsync()).Should().Be(DimseStatus.Success);
        client.Info.PeerImplementationClassUid.Should().Be(DicomUids.ImplementationClassUid);
        await client.ReleaseAsync();

        (await client.Association.Completion).Should().Be(AssociationEnd.Released);
        (await server.Log.WaitForAsync("TESTSCU->TESTSCP@127.0.0.1", "accepted")).Should().BeTrue();
    }

    [Fact]
    public async Task A_large_data_set_streams_in_fragments_within_the_peer_max_pdu()
    {
        var store = new MemoryStoreHandler();
        await using var server = new TestServer(new DicomServiceHandlers { Store = store }, o => o with { MaxPduLength = 4096 });
        var data = TestInstances.DataSet("1.2.3.100", 300_000);
        await using var client = await server.ConnectAsync(TestServer.CtExplicit);

        client.Info.PeerMaxPduLength.Should().Be(4096u);
        var response = await client.StoreAsync(DicomUids.CTImageStorage, "1.2.3.100", DicomUids.ExplicitVRLittleEndian, new MemoryStream(data));
        await client.ReleaseAsync();

        response.Status.Should().Be(DimseStatus.Success);
        response.Command.AffectedSopInstanceUid.Should().Be("1.2.3.100");
        store.Stored["1.2.3.100"].Should().Equal(data);
        store.FragmentLengths.Should().OnlyContain(length => length <= 4096 - 6);
        store.FragmentLengths.Count.Should().BeGreaterThan(70);
        var request = store.Requests.Single();
        request.TransferSyntaxUid.Should().Be(DicomUids.ExplicitVRLittleEndian);
        request.Association.CallingAeTitle.Should().Be("TESTSCU");
    }

    [Fact]
    public async Task A_data_set_ending_exactly_on_a_fragment_boundary_is_sent_whole()
    {
        var store = new MemoryStoreHandler();
        await using var server = new TestServer(new DicomServiceHandlers { Store = store }, o => o with { MaxPduLength = 1006 });
        var data = new byte[3000];
        Random.Shared.NextBytes(data);
        await using var client = await server.ConnectAsync(TestServer.CtExplicit);

        var response = await client.StoreAsync(DicomUids.CTImageStorage, "1.2.3.101", DicomUids.ExplicitVRLittleEndian, new NonSeekableStream(data));
        await client.ReleaseAsync();

        response.Status.Should().Be(DimseStatus.Success);
        store.Stored["1.2.3.101"].Should().Equal(data);
        store.FragmentLengths.Should().Equal(1000, 1000, 1000);
    }

    [Fact]
    public async Task An_oversize_data_set_is_refused_with_out_of_resources_and_the_association_stays_usable()
    {
        var store = new MemoryStoreHandler();
        await using var server = new TestServer(new DicomServiceHandlers { Store = store }, o => o with { MaxDataSetLength = 20_000, MaxPduLength = 8192 });
        await using var client = await server.ConnectAsync(TestServer.Verification, TestServer.CtExplicit);

        var big = await client.StoreAsync(DicomUids.CTImageStorage, "1.2.3.1", DicomUids.ExplicitVRLittleEndian, new MemoryStream(TestInstances.DataSet("1.2.3.1", 100_000)));
        var small = await client.StoreAsync(DicomUids.CTImageStorage, "1.2.3.2", DicomUids.ExplicitVRLittleEndian, new MemoryStream(TestInstances.DataSet("1.2.3.2", 1000)));
        var echo = await client.EchoAsync();
        await client.ReleaseAsync();

        big.Status.Should().Be(DimseStatus.OutOfResources);
        big.Command.ErrorComment.Should().Contain("20000");
        store.Abandoned.Should().Be(1);
        store.Stored.Keys.Should().Equal("1.2.3.2");
        small.Status.Should().Be(DimseStatus.Success);
        echo.Should().Be(DimseStatus.Success);
    }

    [Fact]
    public async Task Handler_failures_map_to_ps3_4_store_statuses()
    {
        var store = new MemoryStoreHandler
        {
            FailOnBegin = r => r.SopInstanceUid switch
            {
                "1.1" => new DimseStatusException(DimseStatus.DataSetDoesNotMatchSopClass, "not a CT"),
                "1.2" => new IOException("disk full"),
                "1.3" => new DicomFormatException("bad element", 12),
                _ => null,
            },
            Outcome = r => r.SopInstanceUid == "1.4" ? new StoreOutcome(DimseStatus.CoercionOfDataElements, "patient id coerced") : StoreOutcome.Success,
        };
        await using var server = new TestServer(new DicomServiceHandlers { Store = store });
        await using var client = await server.ConnectAsync(TestServer.CtExplicit);

        async Task<DimseStatus> Store(string uid) =>
            (await client.StoreAsync(DicomUids.CTImageStorage, uid, DicomUids.ExplicitVRLittleEndian, new MemoryStream(TestInstances.DataSet(uid, 10)))).Status;

        (await Store("1.1")).Should().Be(DimseStatus.DataSetDoesNotMatchSopClass);
        (await Store("1.2")).Should().Be(DimseStatus.OutOfResources);
        (await Store("1.3")).Code.Should().Be(0xC000);
        (await Store("1.4")).Category.Should().Be(DimseStatusCategory.Warning);
        (await Store("1.5")).Should().Be(DimseStatus.Success);
        await client.ReleaseAsync();
    }

    [Fact]
    public async Task Operations_overlap_within_the_negotiated_asynchronous_window()
    {
        var store = new MemoryStoreHandler();
        await using var server = new TestServer(new DicomServiceHandlers { Store = store }, o => o with { MaxOperationsPerformed = 4 });
        var request = server.Request(TestServer.CtExplicit) with { AsyncOperationsWindow = (4, 4) };
        await using var client = await DicomClient.ConnectAsync(request, CancellationToken.None);

        client.Info.MaxOperationsInvoked.Should().Be(4);
        var stores = Enumerable.Range(1, 12).Select(i =>
            client.StoreAsync(DicomUids.CTImageStorage, $"1.9.{i}", DicomUids.ExplicitVRLittleEndian, new MemoryStream(TestInstances.DataSet($"1.9.{i}", 5000))));
        var responses = await Task.WhenAll(stores);
        await client.ReleaseAsync();

        responses.Should().OnlyContain(r => r.Status.IsSuccess);
        responses.Select(r => r.Command.AffectedSopInstanceUid).Should().BeEquivalentTo(Enumerable.Range(1, 12).Select(i => $"1.9.{i}"));
        store.Stored.Should().HaveCount(12);
    }

    [Fact]
    public async Task Store_without_an_accepted_context_fails_locally()
    {
        await using var server = new TestServer(new DicomServiceHandlers());
        await using var client = await server.ConnectAsync(TestServer.Verification, TestServer.CtExplicit);

        client.Info.PresentationContexts[1].Outcome.Should().Be(CloudFilm.Dicom.Network.Pdus.PresentationContextOutcome.AbstractSyntaxNotSupported);
        var act = () => client.StoreAsync(DicomUids.CTImageStorage, "1.2", DicomUids.ExplicitVRLittleEndian, new MemoryStream([1, 2]));
        await act.Should().ThrowAsync<DicomNetworkException>().WithMessage("*no accepted presentation context*");
        await client.ReleaseAsync();
    }

    [Fact]
    public async Task A_data_set_that_fails_to_read_midway_aborts_the_association()
    {
        var store = new MemoryStoreHandler();
        await using var server = new TestServer(new DicomServiceHandlers { Store = store }, o => o with { MaxPduLength = 4096 });
        await using var client = await server.ConnectAsync(TestServer.CtExplicit);

        var act = () => client.StoreAsync(DicomUids.CTImageStorage, "1.3.1", DicomUids.ExplicitVRLittleEndian, new FailingStream(20_000));
        await act.Should().ThrowAsync<IOException>();

        (await client.Association.Completion).Should().Be(AssociationEnd.AbortedLocally);
        (await server.Log.WaitForAsync("aborted by the peer")).Should().BeTrue();
        store.Stored.Should().BeEmpty();
        await AssociationPolicyTests.WaitUntilAsync(() => Volatile.Read(ref store.Abandoned) == 1);
    }

    /// <summary>Gives <paramref name="goodBytes"/> bytes, then fails like a disk read error.</summary>
    private sealed class FailingStream(int goodBytes) : Stream
    {
        private int _given;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_given >= goodBytes)
            {
                throw new IOException("read error");
            }

            var n = Math.Min(count, goodBytes - _given);
            Array.Fill(buffer, (byte)7, offset, n);
            _given += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class NonSeekableStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 333));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
