using System.Globalization;
using CloudFilm.Archive.Peers;
using CloudFilm.Archive.Retrieval;
using CloudFilm.DicomNode.Tests.Support;
using CloudFilm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudFilm.DicomNode.Tests.Retrieval;

/// <summary>The node next to an Orthanc PACS (knowing the node as a move destination) holding two studies of one patient and one of another.</summary>
public sealed class PacsFixture : NodeFixture
{
    private readonly int _pacsDicomPort = ExternalProcess.FreeTcpPort();
    private OrthancPeer? _pacs;

    public TestSeries First { get; } = new() { PatientId = "PACS-" + Guid.NewGuid().ToString("N")[..6] };

    public TestSeries Second { get; private set; } = null!;

    public TestSeries Other { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Pacs:Systems:0:Name", "pacs"),
        new("Pacs:Systems:0:AeTitle", "ORTHANC"),
        new("Pacs:Systems:0:Host", "127.0.0.1"),
        new("Pacs:Systems:0:Port", _pacsDicomPort.ToString(CultureInfo.InvariantCulture)),
        new("Pacs:PauseBetweenStudies", "00:00:00.050"),
    ];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await new PeerStore(DataSource).UpsertAsync(new DicomPeer("ORTHANC", "127.0.0.1", null, "the PACS", DateTimeOffset.UtcNow), default);
        _pacs = await OrthancPeer.StartAsync(_pacsDicomPort, new Dictionary<string, int> { ["CLOUDFILM"] = Port });
        Second = new TestSeries { PatientId = First.PatientId, Issuer = First.Issuer, StudyDate = "20240102" };
        foreach (var series in new[] { First, Second, Other })
        {
            var files = series.WriteFiles(Path.Combine(WorkFolder, "pacs-" + series.SeriesInstanceUid), 3);
            var (exit, output) = await Dcmtk.RunAsync("storescu", ["-aet", "LOADER", "-aec", "ORTHANC", "127.0.0.1",
                _pacsDicomPort.ToString(CultureInfo.InvariantCulture), .. files]);
            if (exit != 0)
            {
                throw new InvalidOperationException("loading the PACS failed: " + output);
            }
        }
    }

    public override async Task DisposeAsync()
    {
        if (_pacs is not null)
        {
            await _pacs.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}

public sealed class PacsPullTests(PacsFixture node) : IClassFixture<PacsFixture>
{
    private RetrieveJobStore Jobs => node.Services.GetRequiredService<RetrieveJobStore>();

    private async Task<RetrieveJob> RunAsync(string pacs, string key, string value)
    {
        var job = await Jobs.QueueAsync(pacs, key, value, "test", DateTimeOffset.UtcNow, default);
        await NodeFixture.EventuallyAsync(async () => (await Jobs.GetAsync(job.Id, default))!.Status is "done" or "failed", $"job {job.Id} finished");
        return (await Jobs.GetAsync(job.Id, default))!;
    }

    [Fact]
    public async Task A_pull_by_accession_brings_the_study_from_the_pacs_into_the_archive()
    {
        var job = await RunAsync("pacs", "accession", node.Other.AccessionNumber);

        job.Status.Should().Be("done", job.Error);
        job.StudiesTotal.Should().Be(1);
        job.StudiesDone.Should().Be(1);
        job.InstancesRetrieved.Should().Be(3);
        (await node.Reader.GetStudyAsync(node.Other.StudyInstanceUid, default))!.InstanceCount.Should().Be(3);
    }

    [Fact]
    public async Task A_pull_by_patient_id_brings_current_and_historical_studies()
    {
        var job = await RunAsync("", "patient-id", node.First.PatientId);

        job.Status.Should().Be("done", job.Error);
        job.StudiesTotal.Should().Be(2);
        job.InstancesRetrieved.Should().Be(6);
        (await node.Reader.GetStudyAsync(node.First.StudyInstanceUid, default))!.InstanceCount.Should().Be(3);
        (await node.Reader.GetStudyAsync(node.Second.StudyInstanceUid, default))!.InstanceCount.Should().Be(3);
    }

    [Fact]
    public async Task A_pull_from_a_pacs_nobody_configured_fails_saying_so()
    {
        var job = await RunAsync("nowhere", "accession", "X1");

        job.Status.Should().Be("failed");
        job.Error.Should().Contain("nowhere");
    }

    [Fact]
    public async Task A_job_left_running_by_a_dead_node_is_resumed_at_the_next_study()
    {
        // As a node would leave it after moving the first study, then dying: lease expired, one study done.
        long id;
        await using (var command = node.DataSource.CreateCommand("""
            INSERT INTO dicom_retrieve_jobs (pacs, match_key, match_value, status, study_uids, studies_done, instances_retrieved,
                created_by, created_at, updated_at, lease_until)
            VALUES ('pacs', 'patient-id', @patient, 'running', @uids, 1, 3, 'test', now(), now(), now() - interval '1 minute')
            RETURNING id
            """))
        {
            command.Parameters.AddWithValue("patient", node.First.PatientId);
            command.Parameters.AddWithValue("uids", new[] { "2.25.1.not.moved.again", node.Second.StudyInstanceUid });
            id = (long)(await command.ExecuteScalarAsync())!;
        }
        var job = (await Jobs.GetAsync(id, default))!;

        await NodeFixture.EventuallyAsync(async () => (await Jobs.GetAsync(job.Id, default))!.Status is "done" or "failed", "job resumed and finished");

        var finished = (await Jobs.GetAsync(job.Id, default))!;
        finished.Status.Should().Be("done", finished.Error);
        finished.StudiesDone.Should().Be(2);
        finished.InstancesRetrieved.Should().Be(6, "3 before the crash and 3 of the second study");
        (await node.Reader.GetStudyAsync(node.Second.StudyInstanceUid, default))!.InstanceCount.Should().Be(3);
    }
}
