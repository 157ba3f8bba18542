using System.Runtime.CompilerServices;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Identifiers;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Network;

public class QueryRetrieveTests
{
    private static readonly PresentationContextRequest StudyFind = new(DicomUids.StudyRootQueryRetrieveInformationModelFind, [DicomUids.ImplicitVRLittleEndian]);
    private static readonly PresentationContextRequest StudyMove = new(DicomUids.StudyRootQueryRetrieveInformationModelMove, [DicomUids.ImplicitVRLittleEndian]);
    private static readonly PresentationContextRequest StudyGet = new(DicomUids.StudyRootQueryRetrieveInformationModelGet, [DicomUids.ImplicitVRLittleEndian]);

    private static byte[] StudyQuery(string patientName = "") => new IdentifierBuilder()
        .Add(DicomTags.QueryRetrieveLevel, "STUDY")
        .Add(DicomTags.PatientName, patientName)
        .Add(DicomTags.StudyInstanceUID, "")
        .ToImplicitLittleEndian();

    private sealed class ListFind(int count, TimeSpan delay) : IFindHandler
    {
        public FindRequest? Seen;
        public bool SawCancellation;

        public async IAsyncEnumerable<FindMatch> FindAsync(FindRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Seen = request;
            for (var i = 0; i < count; i++)
            {
                try
                {
                    await Task.Delay(delay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    SawCancellation = true;
                    throw;
                }

                yield return new FindMatch(new IdentifierBuilder()
                    .Add(DicomTags.QueryRetrieveLevel, "STUDY")
                    .Add(DicomTags.StudyInstanceUID, $"1.2.{i}")
                    .ToImplicitLittleEndian(), OptionalKeysUnsupported: i == 1);
            }
        }
    }

    private sealed class ListRetrieve(params RetrieveItem[] items) : IRetrieveHandler
    {
        public RetrieveRequest? Seen;

        public ValueTask<IReadOnlyList<RetrieveItem>> ResolveAsync(RetrieveRequest request, CancellationToken cancellationToken)
        {
            Seen = request;
            return ValueTask.FromResult<IReadOnlyList<RetrieveItem>>(items);
        }
    }

    [Fact]
    public async Task Find_sends_each_match_as_pending_then_success()
    {
        var find = new ListFind(3, TimeSpan.Zero);
        await using var server = new TestServer(new DicomServiceHandlers { Find = find });
        await using var client = await server.ConnectAsync(StudyFind);

        var responses = await client.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, StudyQuery("DOE*")).ToListAsync();
        await client.ReleaseAsync();

        responses.Select(r => r.Status).Should().Equal(DimseStatus.Pending, DimseStatus.PendingWithWarning, DimseStatus.Pending, DimseStatus.Success);
        FlatDataSet.Parse(responses[2].DataSet!, DicomUids.ImplicitVRLittleEndian).GetString(DicomTags.StudyInstanceUID).Should().Be("1.2.2");
        responses[3].DataSet.Should().BeNull();
        find.Seen!.Keys.QueryRetrieveLevel.Should().Be("STUDY");
        find.Seen.Keys.GetString(DicomTags.PatientName).Should().Be("DOE*");
    }

    [Fact]
    public async Task Cancelling_a_find_sends_c_cancel_and_ends_with_status_cancel()
    {
        var find = new ListFind(1000, TimeSpan.FromMilliseconds(20));
        await using var server = new TestServer(new DicomServiceHandlers { Find = find });
        await using var client = await server.ConnectAsync(StudyFind, TestServer.Verification);
        using var cancel = new CancellationTokenSource();

        var responses = new List<DimseResponse>();
        await foreach (var response in client.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, StudyQuery(), cancel.Token))
        {
            responses.Add(response);
            if (responses.Count == 2)
            {
                await cancel.CancelAsync();
            }
        }

        responses[^1].Status.Should().Be(DimseStatus.Cancel);
        responses.Count.Should().BeLessThan(20);
        find.SawCancellation.Should().BeTrue();
        (await client.EchoAsync()).Should().Be(DimseStatus.Success, "the association survives a cancelled query");
        await client.ReleaseAsync();
        (await server.Log.WaitForAsync("C-CANCEL")).Should().BeTrue();
    }

    private sealed class CountingFind : IFindHandler
    {
        private int _running;
        public int MostAtOnce;

        public async IAsyncEnumerable<FindMatch> FindAsync(FindRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _running);
            InterlockedMax(ref MostAtOnce, now);
            try
            {
                for (var i = 0; i < 3; i++)
                {
                    await Task.Delay(30, cancellationToken);
                    yield return new FindMatch(StudyQuery());
                }
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }

    [Fact]
    public async Task Overlapping_requests_beyond_the_performed_window_wait_their_turn()
    {
        var find = new CountingFind();
        await using var server = new TestServer(new DicomServiceHandlers { Find = find }, o => o with { MaxOperationsPerformed = 1 });
        var request = server.Request(StudyFind) with { AsyncOperationsWindow = (3, 3) };
        await using var client = await DicomClient.ConnectAsync(request, CancellationToken.None);

        client.Info.MaxOperationsInvoked.Should().Be(3);
        client.Info.MaxOperationsPerformed.Should().Be(1);
        var all = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, StudyQuery()).ToListAsync()));
        await client.ReleaseAsync();

        all.Should().OnlyContain(responses => responses.Count == 4 && responses[3].Status == DimseStatus.Success);
        find.MostAtOnce.Should().Be(1);
    }

    [Fact]
    public async Task Move_sends_sub_operations_to_the_configured_destination_with_counts()
    {
        var destinationStore = new MemoryStoreHandler();
        await using var destination = new TestServer(new DicomServiceHandlers { Store = destinationStore }, o => o with { AeTitle = "DEST" });
        var items = Enumerable.Range(1, 3).Select(i => TestInstances.Item($"1.5.{i}", TestInstances.DataSet($"1.5.{i}", 2000))).ToArray();
        var retrieve = new ListRetrieve(items);
        await using var source = new TestServer(new DicomServiceHandlers { Move = retrieve }, o => o with
        {
            MoveDestinations = new Dictionary<string, RemoteApplicationEntity> { ["DEST"] = new("DEST", "127.0.0.1", destination.Port) },
        });
        await using var client = await source.ConnectAsync(StudyMove);

        var responses = await client.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, "DEST", StudyQuery()).ToListAsync();
        var unknown = await client.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, "NOWHERE", StudyQuery()).ToListAsync();
        await client.ReleaseAsync();

        responses.Select(r => r.Status).Should().Equal(DimseStatus.Pending, DimseStatus.Pending, DimseStatus.Success);
        responses[0].Command.RemainingSubOperations.Should().Be(2);
        responses[0].Command.CompletedSubOperations.Should().Be(1);
        responses[^1].Command.CompletedSubOperations.Should().Be(3);
        responses[^1].Command.FailedSubOperations.Should().Be(0);
        destinationStore.Stored.Keys.Should().BeEquivalentTo("1.5.1", "1.5.2", "1.5.3");
        destinationStore.Requests.Should().OnlyContain(r => r.MoveOriginatorAeTitle == "TESTSCU" && r.Association.CallingAeTitle == "TESTSCP");
        retrieve.Seen!.MoveDestination.Should().Be("DEST");
        unknown.Should().ContainSingle().Which.Status.Should().Be(DimseStatus.MoveDestinationUnknown);
    }

    private const string JpegLs = DicomUids.JPEGLSLossless;
    private const string MrImageStorage = DicomUids.MRImageStorage;

    /// <summary>An instance stored in JPEG-LS whose opener answers stand-in bytes per syntax and records the syntaxes asked for.</summary>
    private sealed class StoredCompressed(string sopClassUid, string sopInstanceUid)
    {
        public List<string> Asked { get; } = [];

        public byte[] BytesIn(string syntax) => TestInstances.DataSet(sopInstanceUid, syntax == JpegLs ? 100 : 400);

        public RetrieveItem Item => new(sopClassUid, sopInstanceUid, JpegLs, (syntax, _) =>
        {
            lock (Asked)
            {
                Asked.Add(syntax);
            }
            return ValueTask.FromResult<Stream>(new MemoryStream(BytesIn(syntax)));
        });
    }

    private static async Task<IReadOnlyList<DimseResponse>> MoveAsync(TestServer destination, params RetrieveItem[] items)
    {
        await using var source = new TestServer(new DicomServiceHandlers { Move = new ListRetrieve(items) }, o => o with
        {
            MoveDestinations = new Dictionary<string, RemoteApplicationEntity> { ["DEST"] = new("DEST", "127.0.0.1", destination.Port) },
        });
        await using var client = await source.ConnectAsync(StudyMove);
        var responses = await client.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, "DEST", StudyQuery()).ToListAsync();
        await client.ReleaseAsync();
        return responses;
    }

    [Fact]
    public async Task Move_sends_the_stored_syntax_as_is_when_the_destination_accepts_it()
    {
        var store = new MemoryStoreHandler();
        await using var destination = new TestServer(new DicomServiceHandlers { Store = store }, o => o with
        {
            AeTitle = "DEST",
            PreferredTransferSyntaxes = [JpegLs, DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian],
            AcceptAnyStorageTransferSyntax = false,
        });
        var instance = new StoredCompressed(DicomUids.CTImageStorage, "1.10.1");

        var final = (await MoveAsync(destination, instance.Item))[^1];

        final.Status.Should().Be(DimseStatus.Success);
        instance.Asked.Should().Equal(JpegLs);
        store.Requests.Single().TransferSyntaxUid.Should().Be(JpegLs);
        store.Stored["1.10.1"].Should().Equal(instance.BytesIn(JpegLs));
    }

    [Fact]
    public async Task Move_sends_uncompressed_when_the_destination_refuses_the_stored_syntax()
    {
        var store = new MemoryStoreHandler();
        await using var destination = new TestServer(new DicomServiceHandlers { Store = store }, o => o with
        {
            AeTitle = "DEST",
            PreferredTransferSyntaxes = [DicomUids.ImplicitVRLittleEndian],
            AcceptAnyStorageTransferSyntax = false,
        });
        var instance = new StoredCompressed(DicomUids.CTImageStorage, "1.11.1");

        var final = (await MoveAsync(destination, instance.Item))[^1];

        final.Status.Should().Be(DimseStatus.Success);
        instance.Asked.Should().Equal(DicomUids.ImplicitVRLittleEndian);
        store.Requests.Single().TransferSyntaxUid.Should().Be(DicomUids.ImplicitVRLittleEndian);
        store.Stored["1.11.1"].Should().Equal(instance.BytesIn(DicomUids.ImplicitVRLittleEndian));
    }

    [Fact]
    public async Task Move_counts_instances_of_a_class_the_destination_refused_as_failed_and_sends_the_rest()
    {
        var store = new MemoryStoreHandler();
        await using var destination = new TestServer(new DicomServiceHandlers { Store = store }, o => o with
        {
            AeTitle = "DEST",
            StorageSopClasses = new HashSet<string> { DicomUids.CTImageStorage },
        });
        var mr = new StoredCompressed(MrImageStorage, "1.12.2");

        var responses = await MoveAsync(destination,
            new StoredCompressed(DicomUids.CTImageStorage, "1.12.1").Item, mr.Item, new StoredCompressed(DicomUids.CTImageStorage, "1.12.3").Item);

        var final = responses[^1];
        final.Status.Should().Be(DimseStatus.SubOperationsCompleteWithFailures);
        final.Command.CompletedSubOperations.Should().Be(2);
        final.Command.FailedSubOperations.Should().Be(1);
        responses.Where(r => r.Status.IsPending).Select(r => r.Command.RemainingSubOperations).Should().Equal((ushort)2, (ushort)1);
        FlatDataSet.Parse(final.DataSet!, DicomUids.ImplicitVRLittleEndian).GetString(DicomTags.FailedSOPInstanceUIDList).Should().Be("1.12.2");
        store.Stored.Keys.Should().BeEquivalentTo("1.12.1", "1.12.3");
        mr.Asked.Should().BeEmpty("nothing is opened for an instance that cannot be sent");
    }

    [Fact]
    public async Task Move_to_a_destination_that_refuses_reports_every_sub_operation_failed()
    {
        await using var destination = new TestServer(new DicomServiceHandlers(), o => o with { AeTitle = "DEST" });
        var retrieve = new ListRetrieve(TestInstances.Item("1.6.1", TestInstances.DataSet("1.6.1", 10)), TestInstances.Item("1.6.2", TestInstances.DataSet("1.6.2", 10)));
        await using var source = new TestServer(new DicomServiceHandlers { Move = retrieve }, o => o with
        {
            MoveDestinations = new Dictionary<string, RemoteApplicationEntity> { ["DEST"] = new("WRONG-AE", "127.0.0.1", destination.Port) },
        });
        await using var client = await source.ConnectAsync(StudyMove);

        var final = (await client.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, "DEST", StudyQuery()).ToListAsync())[^1];
        await client.ReleaseAsync();

        final.Status.Category.Should().Be(DimseStatusCategory.Failure);
        final.Command.FailedSubOperations.Should().Be(2);
        final.Command.CompletedSubOperations.Should().Be(0);
        FlatDataSet.Parse(final.DataSet!, DicomUids.ImplicitVRLittleEndian).GetString(DicomTags.FailedSOPInstanceUIDList).Should().Be("1.6.1\\1.6.2");
    }

    [Fact]
    public async Task Get_returns_instances_on_the_same_association_through_the_scp_role()
    {
        var items = Enumerable.Range(1, 3).Select(i => TestInstances.Item($"1.7.{i}", TestInstances.DataSet($"1.7.{i}", 20_000))).ToArray();
        await using var server = new TestServer(new DicomServiceHandlers { Get = new ListRetrieve(items) }, o => o with { MaxPduLength = 8192 });
        var received = new MemoryStoreHandler();
        var request = server.Request(StudyGet, new PresentationContextRequest(DicomUids.CTImageStorage, [DicomUids.ExplicitVRLittleEndian], OfferScpRole: true));
        await using var client = await DicomClient.ConnectAsync(request, CancellationToken.None, received);

        client.Info.PresentationContexts[1].RequestorIsScp.Should().BeTrue();
        var responses = await client.GetAsync(DicomUids.StudyRootQueryRetrieveInformationModelGet, StudyQuery()).ToListAsync();
        await client.ReleaseAsync();

        responses[^1].Status.Should().Be(DimseStatus.Success);
        responses[^1].Command.CompletedSubOperations.Should().Be(3);
        responses.Where(r => r.Status.IsPending).Select(r => r.Command.RemainingSubOperations).Should().Equal((ushort)2, (ushort)1);
        received.Stored.Keys.Should().BeEquivalentTo("1.7.1", "1.7.2", "1.7.3");
        received.Stored["1.7.2"].Should().Equal(TestInstances.DataSet("1.7.2", 20_000));
    }

    [Fact]
    public async Task A_handler_bug_still_ends_the_operation_with_a_failure_status()
    {
        var broken = new RetrieveItem(DicomUids.CTImageStorage, "1.9.9", DicomUids.ExplicitVRLittleEndian,
            (_, _) => throw new InvalidOperationException("handler bug"));
        await using var server = new TestServer(new DicomServiceHandlers { Get = new ListRetrieve(broken) });
        var request = server.Request(StudyGet, new PresentationContextRequest(DicomUids.CTImageStorage, [DicomUids.ExplicitVRLittleEndian], OfferScpRole: true));
        await using var client = await DicomClient.ConnectAsync(request, CancellationToken.None, new MemoryStoreHandler());

        var final = (await client.GetAsync(DicomUids.StudyRootQueryRetrieveInformationModelGet, StudyQuery()).ToListAsync())[^1];
        await client.ReleaseAsync();

        final.Status.Should().Be(DimseStatus.ProcessingFailure);
        (await server.Log.WaitForAsync("handler bug")).Should().BeTrue();
    }

    [Fact]
    public async Task Get_without_scp_role_fails_its_sub_operations()
    {
        var items = new[] { TestInstances.Item("1.8.1", TestInstances.DataSet("1.8.1", 10)) };
        await using var server = new TestServer(new DicomServiceHandlers { Get = new ListRetrieve(items) });
        await using var client = await server.ConnectAsync(StudyGet);

        var final = (await client.GetAsync(DicomUids.StudyRootQueryRetrieveInformationModelGet, StudyQuery()).ToListAsync())[^1];
        await client.ReleaseAsync();

        final.Status.Should().Be(DimseStatus.SubOperationsCompleteWithFailures);
        final.Command.FailedSubOperations.Should().Be(1);
        FlatDataSet.Parse(final.DataSet!, DicomUids.ImplicitVRLittleEndian).GetString(DicomTags.FailedSOPInstanceUIDList).Should().Be("1.8.1");
    }
}
