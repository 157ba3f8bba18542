using System.Text.Json.Nodes;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;
using CloudFilm.Testing;

namespace CloudFilm.Api.Tests.DicomWeb;

/// <summary>
/// A JavaScript DICOMweb client, the npm <c>dicomweb-client</c> package web viewers use, against the Api on a real
/// loopback port with the system's key: <c>tests/dicomweb-client/client.js</c> stores an instance (STOW-RS), finds its
/// study by a PatientName wildcard and its series (QIDO-RS), reads the series metadata, the first frame and the instance
/// (WADO-RS), and prints what it got as JSON. The npm project is installed from its lock file (<c>npm ci</c>) beside the
/// tests; node and npm come from Debian's <c>nodejs</c> and <c>npm</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DicomWebClientTests(ApiFixture fixture) : IDisposable
{
    /// <summary>The copy of <c>tests/dicomweb-client</c> the build puts beside the tests.</summary>
    private static readonly string Project = Path.Combine(AppContext.BaseDirectory, "dicomweb-client");

    private readonly string _work = Directory.CreateTempSubdirectory("cloudfilm-dicomweb-client-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task The_dicomweb_client_package_stores_finds_and_retrieves_an_instance()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var series = new TestSeries { PatientName = $"Js{id}^Client=李^四", Size = 32 };
        var (first, second, third) = (series.Instance(1), series.Instance(2), series.Instance(3));
        await fixture.ArchiveAsync(second, third);
        var toStore = Path.Combine(_work, "stored.dcm");
        new DicomFile(first, DicomTransferSyntax.ExplicitVRLittleEndian).Save(toStore);
        var retrieved = Path.Combine(_work, "retrieved.dcm");

        var answer = await RunClientAsync(toStore, $"Js{id}*", retrieved);

        var sop = first.GetString(DicomTags.SOPInstanceUID)!;
        Strings(answer["stored"]).Should().Equal([sop], "STOW-RS stores the instance: {0}", answer);
        answer["failed"]!.AsArray().Should().BeEmpty();
        Strings(answer["studies"]).Should().Equal([series.StudyInstanceUid], "the PatientName wildcard finds the study and no other");
        answer["patientName"]!["alphabetic"]!.GetValue<string>().Should().Be($"Js{id}^Client");
        answer["patientName"]!["ideographic"]!.GetValue<string>().Should().Be("李^四");
        Strings(answer["series"]).Should().Equal([series.SeriesInstanceUid]);
        answer["metadata"]!.GetValue<int>().Should().Be(3);
        Strings(answer["metadataSopInstanceUIDs"]).Should().BeEquivalentTo(
            [sop, second.GetString(DicomTags.SOPInstanceUID)!, third.GetString(DicomTags.SOPInstanceUID)!]);
        answer["frameSopInstanceUID"]!.GetValue<string>().Should().Be(sop);
        var (rows, columns) = (answer["rows"]!.GetValue<int>(), answer["columns"]!.GetValue<int>());
        (rows, columns).Should().Be((32, 32));
        answer["frames"]!.AsArray().Select(f => f!.GetValue<int>()).Should().Equal([rows * columns * 2], "one native 16-bit frame");
        var instance = DicomFile.Open(retrieved);
        instance.Dataset.GetString(DicomTags.SOPInstanceUID).Should().Be(sop);
        instance.Dataset.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray().Should().Equal(series.Pixels(1));
        instance.Dataset.GetString(DicomTags.PatientName).Should().Be(series.PatientName);
    }

    /// <summary>Runs <c>client.js</c> against the loopback Api; fails with what it wrote when it does not succeed.</summary>
    private async Task<JsonNode> RunClientAsync(string toStore, string patientName, string retrieved)
    {
        await InstallAsync();
        var root = new Uri(fixture.LoopbackAddress, "dicomweb").ToString();
        var start = ExternalProcess.Command("node", ["client.js", root, ApiFixture.SystemKey, toStore, patientName, retrieved], Project);
        var result = await ExternalProcess.RunAsync(start, TimeSpan.FromMinutes(1));
        result.ExitCode.Should().Be(0, "the dicomweb-client script succeeds: {0}", result.Output);
        return JsonNode.Parse(result.Stdout) ?? throw new InvalidOperationException($"client.js printed no JSON: {result.Output}");
    }

    /// <summary>
    /// <c>npm ci</c> in the project copy: exactly the packages of the lock file, no install scripts; fails naming npm's
    /// complaint (or the Debian package when npm is missing).
    /// </summary>
    private static async Task InstallAsync()
    {
        var start = ExternalProcess.Command("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"], Project);
        start.Environment["npm_config_update_notifier"] = "false";
        var result = await ExternalProcess.RunAsync(start, TimeSpan.FromMinutes(3));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"npm ci in {Project} failed (the test needs the packages of tests/dicomweb-client/package-lock.json: dicomweb-client, xhr2): {result.Output}");
        }
    }

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(v => v!.GetValue<string>());
}
