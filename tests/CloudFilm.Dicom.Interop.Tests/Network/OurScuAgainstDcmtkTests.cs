using System.Globalization;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Network.Identifiers;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Network;

/// <summary>Our SCU (library and cfdicom) against dcmtk's storescp and dcmqrscp.</summary>
public class OurScuAgainstDcmtkTests
{
    private static AssociationRequestOptions Request(int port, string calledAe, params PresentationContextRequest[] contexts) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        CallingAeTitle = "CLOUDFILM",
        CalledAeTitle = calledAe,
        PresentationContexts = contexts,
        Timeouts = new AssociationTimeouts { DimseResponse = TimeSpan.FromSeconds(30) },
    };

    [Fact]
    public async Task Echo_and_store_every_syntax_to_storescp()
    {
        using var folder = new TempFolder();
        var received = folder.Sub("received");
        var port = ExternalProcess.FreeTcpPort();
        await using var storescp = await Dcmtk.StartAsync("storescp", ["-aet", "STORESCP", "+xa", "+uf", "-od", received, port.ToString(CultureInfo.InvariantCulture)], port);
        var files = new[] { "CT_small.dcm", "MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small_RLE.dcm", "MR_small_jpeg_ls_lossless.dcm", "SC_rgb_jpeg_dcmtk.dcm", "MR_small_jp2klossless.dcm" }
            .Select(InteropData.Pydicom).ToList();
        var headers = files.Select(DicomFileHeader.Read).ToList();
        var contexts = headers.Select(h => new PresentationContextRequest(h.SopClassUid, [h.TransferSyntaxUid]))
            .Append(new PresentationContextRequest(DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])).ToArray();

        await using var client = await DicomClient.ConnectAsync(Request(port, "STORESCP", contexts), CancellationToken.None);
        (await client.EchoAsync()).Should().Be(DimseStatus.Success);
        for (var i = 0; i < files.Count; i++)
        {
            await using var data = DicomFileHeader.OpenDataSet(files[i], headers[i].DataSetOffset);
            var response = await client.StoreAsync(headers[i].SopClassUid, headers[i].SopInstanceUid, headers[i].TransferSyntaxUid, data);
            response.Status.Should().Be(DimseStatus.Success, $"{files[i]}: {storescp.Output}");
        }

        await client.ReleaseAsync();
        var stored = Directory.GetFiles(received);
        stored.Should().HaveCount(files.Count, storescp.Output);
        foreach (var path in stored)
        {
            var (code, dump) = await Dcmtk.RunAsync("dcmdump", ["-q", path]);
            code.Should().Be(0, dump);
        }

        var big = stored.Single(p => DicomFileHeader.Read(p).TransferSyntaxUid == DicomUids.ExplicitVRBigEndian);
        DicomFile.Open(big).Dataset.GetString(DicomTags.SOPInstanceUID).Should().Be(headers[2].SopInstanceUid);
    }

    [Fact]
    public async Task Cfdicom_store_sends_a_folder_over_parallel_associations()
    {
        using var folder = new TempFolder();
        var sources = folder.Sub("in");
        var received = folder.Sub("received");
        var files = InteropData.WriteStudies(sources, studies: 3, perStudy: 4);
        var port = ExternalProcess.FreeTcpPort();
        await using var storescp = await Dcmtk.StartAsync("storescp", ["-aet", "STORESCP", "-od", received, "--fork", port.ToString(CultureInfo.InvariantCulture)], port);

        var echo = await Cfdicom.RunAsync("echo", "-aec", "STORESCP", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture));
        var store = await Cfdicom.RunAsync("store", "-aec", "STORESCP", "-j", "3", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), sources);

        echo.ExitCode.Should().Be(0, echo.Output);
        store.ExitCode.Should().Be(0, store.Output + storescp.Output);
        store.Output.Should().Contain("sent 12 of 12 files over 3 association(s)");
        for (var i = 0; i < 100 && Directory.GetFiles(received).Length < files.Count; i++)
        {
            await Task.Delay(50);
        }

        Directory.GetFiles(received).Should().HaveCount(files.Count);
    }

    /// <summary>dcmqrscp on a free port with the generated files indexed, and our storage SCP as move destination.</summary>
    private sealed class QueryArchive : IAsyncDisposable
    {
        private RunningProcess? _peer;

        public int Port { get; private set; }

        public DicomServer? Destination { get; private set; }

        public string DestinationFolder { get; private set; } = "";

        public static async Task<QueryArchive> StartAsync(TempFolder folder, InteropLog log)
        {
            var archive = new QueryArchive();
            var database = folder.Sub("db");
            var files = InteropData.WriteStudies(folder.Sub("files"), studies: 2, perStudy: 3);
            var (code, output) = await Dcmtk.RunAsync("dcmqridx", new[] { database }.Concat(files));
            code.Should().Be(0, output);
            archive.DestinationFolder = folder.Sub("moved");
            archive.Destination = new DicomServer(
                new DicomServerOptions { AeTitle = "OURSTORE", Port = 0, Log = log },
                new DicomServiceHandlers { Store = new FolderStoreHandler(archive.DestinationFolder) });
            archive.Destination.Start();
            archive.Port = ExternalProcess.FreeTcpPort();
            var config = Path.Combine(folder.Path, "dcmqrscp.cfg");
            await File.WriteAllTextAsync(config, $"""
                NetworkTCPPort  = {archive.Port}
                MaxPDUSize      = 16384
                MaxAssociations = 16

                HostTable BEGIN
                ourstore = (OURSTORE, 127.0.0.1, {archive.Destination.LocalEndPoint.Port})
                HostTable END

                VendorTable BEGIN
                VendorTable END

                AETable BEGIN
                QRSCP  {database}  RW (200, 1024mb) ANY
                AETable END
                """);
            archive._peer = await Dcmtk.StartAsync("dcmqrscp", ["-c", config], archive.Port);
            return archive;
        }

        public async ValueTask DisposeAsync()
        {
            if (_peer is not null)
            {
                await _peer.DisposeAsync();
            }

            if (Destination is not null)
            {
                await Destination.DisposeAsync();
            }
        }
    }

    private static byte[] Query(string level, params (ushort Group, ushort Element, string Value)[] keys)
    {
        var builder = new IdentifierBuilder().Add(DicomTags.QueryRetrieveLevel, level);
        foreach (var (group, element, value) in keys)
        {
            builder.Add(new DicomTag(group, element), value);
        }

        return builder.ToImplicitLittleEndian();
    }

    [Fact]
    public async Task Find_move_and_get_against_dcmqrscp()
    {
        using var folder = new TempFolder();
        var log = new InteropLog();
        await using var archive = await QueryArchive.StartAsync(folder, log);
        var received = new List<string>();
        var getFolder = folder.Sub("got");
        var storage = new PresentationContextRequest(DicomUids.CTImageStorage, [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian], OfferScpRole: true);
        await using var client = await DicomClient.ConnectAsync(
            Request(archive.Port, "QRSCP",
                new PresentationContextRequest(DicomUids.StudyRootQueryRetrieveInformationModelFind, [DicomUids.ImplicitVRLittleEndian]),
                new PresentationContextRequest(DicomUids.PatientRootQueryRetrieveInformationModelFind, [DicomUids.ImplicitVRLittleEndian]),
                new PresentationContextRequest(DicomUids.StudyRootQueryRetrieveInformationModelMove, [DicomUids.ImplicitVRLittleEndian]),
                new PresentationContextRequest(DicomUids.StudyRootQueryRetrieveInformationModelGet, [DicomUids.ImplicitVRLittleEndian]),
                storage),
            CancellationToken.None, new FolderStoreHandler(getFolder));

        var studies = await client.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, Query("STUDY", (0x0020, 0x000D, ""), (0x0010, 0x0010, ""))).ToListAsync();
        var patients = await client.FindAsync(DicomUids.PatientRootQueryRetrieveInformationModelFind, Query("PATIENT", (0x0010, 0x0020, "P1"), (0x0010, 0x0010, ""))).ToListAsync();
        var move = await client.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, "OURSTORE", Query("STUDY", (0x0020, 0x000D, "1.2.826.0.1.3680043.10.1.0"))).ToListAsync();
        var get = await client.GetAsync(DicomUids.StudyRootQueryRetrieveInformationModelGet, Query("STUDY", (0x0020, 0x000D, "1.2.826.0.1.3680043.10.1.1"))).ToListAsync();
        await client.ReleaseAsync();

        studies.Select(r => r.Status).Should().Equal(DimseStatus.Pending, DimseStatus.Pending, DimseStatus.Success);
        studies.Take(2).Select(r => DicomDatasetReader.Read(r.DataSet!, DicomTransferSyntax.ImplicitVRLittleEndian).GetString(DicomTags.StudyInstanceUID))
            .Should().BeEquivalentTo("1.2.826.0.1.3680043.10.1.0", "1.2.826.0.1.3680043.10.1.1");
        patients.Should().HaveCount(2);
        FlatDataSet.Parse(patients[0].DataSet!, DicomUids.ImplicitVRLittleEndian).GetString(DicomTags.PatientName).Should().Be("DOE^PATIENT1");
        move[^1].Status.Should().Be(DimseStatus.Success, log.ToString());
        move[^1].Command.CompletedSubOperations.Should().Be(3);
        Directory.GetFiles(archive.DestinationFolder).Should().HaveCount(3);
        get[^1].Status.Should().Be(DimseStatus.Success);
        get[^1].Command.CompletedSubOperations.Should().Be(3);
        Directory.GetFiles(getFolder).Select(p => DicomFileHeader.Read(p).SopInstanceUid).Should()
            .BeEquivalentTo(Enumerable.Range(0, 3).Select(i => $"1.2.826.0.1.3680043.10.1.1.1.{i}"));
    }

    [Fact]
    public async Task Cfdicom_find_move_and_get_against_dcmqrscp()
    {
        using var folder = new TempFolder();
        var log = new InteropLog();
        await using var archive = await QueryArchive.StartAsync(folder, log);
        var port = archive.Port.ToString(CultureInfo.InvariantCulture);
        var got = folder.Sub("got");

        var find = await Cfdicom.RunAsync("find", "-aec", "QRSCP", "-P", "-k", "0008,0052=PATIENT", "-k", "0010,0020", "-k", "0010,0010=DOE^PATIENT0", "127.0.0.1", port);
        var move = await Cfdicom.RunAsync("move", "-aec", "QRSCP", "-dest", "OURSTORE", "-k", "0008,0052=STUDY", "-k", "0020,000D=1.2.826.0.1.3680043.10.1.1", "127.0.0.1", port);
        var get = await Cfdicom.RunAsync("get", "-aec", "QRSCP", "-od", got, "-k", "0008,0052=SERIES", "-k", "0020,000D=1.2.826.0.1.3680043.10.1.0",
            "-k", "0020,000E=1.2.826.0.1.3680043.10.1.0.1", "127.0.0.1", port);

        find.ExitCode.Should().Be(0, find.Output);
        find.Output.Should().Contain("# 1 match(es), final status 0000H (Success)").And.Contain("[P0]");
        move.ExitCode.Should().Be(0, move.Output);
        move.Output.Should().Contain("final status 0000H (Success): remaining -, completed 3, failed 0");
        Directory.GetFiles(archive.DestinationFolder).Should().HaveCount(3);
        get.ExitCode.Should().Be(0, get.Output);
        Directory.GetFiles(got).Should().HaveCount(3);
    }
}

internal static class InteropResponseExtensions
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

/// <summary>Runs the cfdicom tool built next to these tests.</summary>
internal static class Cfdicom
{
    public static System.Diagnostics.ProcessStartInfo StartInfo(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "cfdicom.dll");
        File.Exists(dll).Should().BeTrue("cfdicom is built with the interop tests");
        return ExternalProcess.Command("dotnet", [dll, .. args]);
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var result = await ExternalProcess.RunAsync(StartInfo(args), TimeSpan.FromSeconds(60));
        return (result.ExitCode, result.Output);
    }
}
