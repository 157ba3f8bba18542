using System.Collections.Concurrent;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Network;

/// <summary>Keeps every log line so tests can check that misbehaving peers are named.</summary>
internal sealed class CollectingLog : IDicomNetworkLog
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public void Log(NetworkLogLevel level, string peer, string message) => _lines.Enqueue($"{level} [{peer}] {message}");

    public bool Has(string fragment, string? fragment2 = null) =>
        _lines.Any(l => l.Contains(fragment, StringComparison.Ordinal) && (fragment2 is null || l.Contains(fragment2, StringComparison.Ordinal)));

    /// <summary>Waits for a line, since server-side logging happens on its own tasks.</summary>
    public async Task<bool> WaitForAsync(string fragment, string? fragment2 = null, int milliseconds = 10000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(milliseconds);
        while (DateTime.UtcNow < until)
        {
            if (Has(fragment, fragment2))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return Has(fragment, fragment2);
    }
}

/// <summary>A store handler keeping instances in memory and recording how they arrived.</summary>
internal sealed class MemoryStoreHandler : IStoreHandler
{
    public ConcurrentDictionary<string, byte[]> Stored { get; } = new();

    public ConcurrentBag<StoreRequest> Requests { get; } = [];

    public ConcurrentBag<int> FragmentLengths { get; } = [];

    public int Abandoned;

    public Func<StoreRequest, StoreOutcome>? Outcome { get; init; }

    public Func<StoreRequest, Exception?>? FailOnBegin { get; init; }

    public ValueTask<IStoreSink> BeginStoreAsync(StoreRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        if (FailOnBegin?.Invoke(request) is { } failure)
        {
            throw failure;
        }

        return ValueTask.FromResult<IStoreSink>(new Sink(this, request));
    }

    private sealed class Sink(MemoryStoreHandler owner, StoreRequest request) : IStoreSink
    {
        private readonly MemoryStream _data = new();
        private bool _completed;

        public ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
        {
            owner.FragmentLengths.Add(fragment.Length);
            _data.Write(fragment.Span);
            return ValueTask.CompletedTask;
        }

        public ValueTask<StoreOutcome> CompleteAsync(CancellationToken cancellationToken)
        {
            _completed = true;
            owner.Stored[request.SopInstanceUid] = _data.ToArray();
            return ValueTask.FromResult(owner.Outcome?.Invoke(request) ?? StoreOutcome.Success);
        }

        public ValueTask DisposeAsync()
        {
            if (!_completed)
            {
                Interlocked.Increment(ref owner.Abandoned);
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Small synthetic instances built at test time.</summary>
internal static class TestInstances
{
    public static byte[] DataSet(string sopInstanceUid, int pixelBytes, string patientName = "DOE^JOHN", string studyUid = "1.2.826.0.1.3680043.2.1", string? syntaxUid = null)
    {
        var dataset = new DicomDataset()
            .Set(DicomTags.SOPClassUID, DicomVR.UI, DicomUids.CTImageStorage)
            .Set(DicomTags.SOPInstanceUID, DicomVR.UI, sopInstanceUid)
            .Set(DicomTags.PatientName, DicomVR.PN, patientName)
            .Set(DicomTags.PatientID, DicomVR.LO, "PID1")
            .Set(DicomTags.StudyInstanceUID, DicomVR.UI, studyUid)
            .Set(DicomTags.SeriesInstanceUID, DicomVR.UI, studyUid + ".1");
        var pixels = new byte[pixelBytes];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i * 31 + 7);
        }

        dataset.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OB, pixels));
        return DicomDatasetWriter.ToBytes(dataset, DicomTransferSyntax.Lookup(syntaxUid ?? DicomUids.ExplicitVRLittleEndian));
    }

    public static RetrieveItem Item(string sopInstanceUid, byte[] data) =>
        new(DicomUids.CTImageStorage, sopInstanceUid, DicomUids.ExplicitVRLittleEndian, (_, _) => ValueTask.FromResult<Stream>(new MemoryStream(data)));
}

/// <summary>A server on a free loopback port, stopped at dispose.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    public TestServer(DicomServiceHandlers handlers, Func<DicomServerOptions, DicomServerOptions>? configure = null)
    {
        var options = new DicomServerOptions { AeTitle = "TESTSCP", Port = 0, Log = Log, Timeouts = new AssociationTimeouts { Artim = TimeSpan.FromSeconds(5) } };
        Options = configure?.Invoke(options) ?? options;
        Server = new DicomServer(Options, handlers);
        Server.Start();
    }

    public CollectingLog Log { get; } = new();

    public DicomServerOptions Options { get; }

    public DicomServer Server { get; }

    public int Port => Server.LocalEndPoint.Port;

    public AssociationRequestOptions Request(params PresentationContextRequest[] contexts) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        CallingAeTitle = "TESTSCU",
        CalledAeTitle = Options.AeTitle,
        PresentationContexts = contexts,
        Timeouts = new AssociationTimeouts { DimseResponse = TimeSpan.FromSeconds(20), Artim = TimeSpan.FromSeconds(5) },
    };

    public Task<DicomClient> ConnectAsync(params PresentationContextRequest[] contexts) =>
        DicomClient.ConnectAsync(Request(contexts), CancellationToken.None);

    public static PresentationContextRequest Verification => new(DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian]);

    public static PresentationContextRequest CtExplicit => new(DicomUids.CTImageStorage, [DicomUids.ExplicitVRLittleEndian]);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

internal static class ResponseExtensions
{
    public static async Task<List<DimseResponse>> ToListAsync(this IAsyncEnumerable<DimseResponse> responses)
    {
        var list = new List<DimseResponse>();
        await foreach (var response in responses)
        {
            list.Add(response);
        }

        return list;
    }
}
