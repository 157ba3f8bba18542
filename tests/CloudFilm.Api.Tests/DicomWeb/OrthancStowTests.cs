using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;
using CloudFilm.Testing;
using Npgsql;

namespace CloudFilm.Api.Tests.DicomWeb;

/// <summary>
/// A real DICOMweb client pushes to CloudFilm: Orthanc 1.10 with its DICOMweb plugin (Debian orthanc-dicomweb 1.7)
/// holds two studies, one with a GB18030 patient name and one with a UTF-8 one, and sends them by STOW-RS to the Api
/// listening on a real loopback port. Every instance lands in the index and blob store with the data set Orthanc was
/// given. The plugin's STOW client always posts to {server}/studies, so a store aimed at another study's URL cannot
/// be sent through it (StowRsTests covers that refusal with a plain HTTP client). The other way, Orthanc finds a study
/// CloudFilm holds through the plugin's QIDO-RS proxy and retrieves it by WADO-RS, ending with the same data sets.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OrthancStowTests(ApiFixture fixture) : IAsyncLifetime
{
    private const string CloudFilmServer = "cloudfilm";
    private const string UnknownKeyServer = "cloudfilm-unknown-key";
    private const string Gb18030Name = "Wang^Wu=王^五";

    private readonly string _work = Directory.CreateTempSubdirectory("cloudfilm-orthanc-stow-").FullName;
    private OrthancPeer _orthanc = null!;
    private HttpClient _rest = null!;

    public async Task InitializeAsync()
    {
        var root = $"http://127.0.0.1:{fixture.LoopbackAddress.Port}/dicomweb";
        _orthanc = await OrthancPeer.StartDicomWebClientAsync(ExternalProcess.FreeTcpPort(), new Dictionary<string, DicomWebServer>
        {
            [CloudFilmServer] = new(root, new Dictionary<string, string> { ["X-Api-Key"] = ApiFixture.SystemKey }),
            [UnknownKeyServer] = new(root, new Dictionary<string, string> { ["X-Api-Key"] = "a-key-cloudfilm-never-issued" }),
        });
        _rest = _orthanc.RestClient();
    }

    public async Task DisposeAsync()
    {
        _rest.Dispose();
        await _orthanc.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Two_studies_orthanc_sends_by_stow_are_indexed_and_stored_with_the_data_sets_orthanc_was_given()
    {
        var gb18030 = new TestSeries { CharacterSet = "GB18030", PatientName = Gb18030Name };
        var utf8 = new TestSeries();
        var sent = new Dictionary<string, (TestSeries Series, int Number, string Path)>();
        var orthancStudies = new List<string>();
        foreach (var series in new[] { gb18030, utf8 })
        {
            var files = series.WriteFiles(Path.Combine(_work, series.SeriesInstanceUid), 3);
            foreach (var (i, path) in files.Index())
            {
                sent[Sop(DicomFile.Open(path).Dataset)] = (series, i + 1, path);
                orthancStudies.Add(await UploadAsync(path));
            }
        }

        var stow = await StowAsync(CloudFilmServer, orthancStudies.Distinct());
        var answer = await stow.Content.ReadAsStringAsync();

        stow.StatusCode.Should().Be(HttpStatusCode.OK, "Orthanc reports its STOW-RS job: {0}\n{1}", answer, _orthanc.Log);
        JsonNode.Parse(answer)!["InstancesCount"]!.ToString().Should().Be("6");
        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        foreach (var (sop, (series, number, path)) in sent)
        {
            var (study, blobKey, source) = await IndexRowAsync(db, sop);
            study.Should().Be(series.StudyInstanceUid);
            source.Should().Be("STOW-RS");
            var stored = Decompressed(Path.Combine(ApiHostEnvironment.BlobRoot, blobKey));
            var original = DicomFile.Open(path);
            SameDataSet(stored.Dataset, original.Dataset, sop);
            Bytes(stored.Dataset, DicomTags.PixelData).Should().Equal(series.Pixels(number), "the pixels of {0} after decompression", sop);
        }
        var gbSop = sent.First(s => s.Value.Series == gb18030).Key;
        var (_, gbKey, _) = await IndexRowAsync(db, gbSop);
        var gbStored = Decompressed(Path.Combine(ApiHostEnvironment.BlobRoot, gbKey)).Dataset;
        gbStored.GetString(DicomTags.SpecificCharacterSet).Should().Be("GB18030");
        Bytes(gbStored, DicomTags.PatientName).Should().Equal([.. "Wang^Wu="u8, 0xCD, 0xF5, (byte)'^', 0xCE, 0xE5, (byte)' '], "王^五 in GB18030, padded");
        gbStored.GetString(DicomTags.PatientName).Should().Be(Gb18030Name);
        var utf8Sop = sent.First(s => s.Value.Series == utf8).Key;
        var (_, utf8Key, _) = await IndexRowAsync(db, utf8Sop);
        Decompressed(Path.Combine(ApiHostEnvironment.BlobRoot, utf8Key)).Dataset.GetString(DicomTags.PatientName).Should().Be(utf8.PatientName);
    }

    [Fact]
    public async Task A_stow_with_a_key_cloudfilm_does_not_know_fails_in_orthanc_and_stores_nothing()
    {
        var series = new TestSeries();
        var files = series.WriteFiles(Path.Combine(_work, series.SeriesInstanceUid), 2);
        var orthancStudy = "";
        foreach (var path in files)
        {
            orthancStudy = await UploadAsync(path);
        }

        var stow = await StowAsync(UnknownKeyServer, [orthancStudy]);

        stow.IsSuccessStatusCode.Should().BeFalse("Orthanc must report the refused STOW-RS: {0}", await stow.Content.ReadAsStringAsync());
        _orthanc.Log.Should().Contain("HTTP status 401");
        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var count = db.CreateCommand("SELECT count(*) FROM dicom_instances WHERE study_instance_uid = @study");
        count.Parameters.AddWithValue("study", series.StudyInstanceUid);
        ((long)(await count.ExecuteScalarAsync())!).Should().Be(0);
    }

    [Fact]
    public async Task Orthanc_finds_a_study_in_cloudfilm_by_qido_and_retrieves_it_by_wado_with_the_data_sets_cloudfilm_holds()
    {
        // One study with a GB18030 patient name, two series: one stored as received, one JPEG-LS lossless as the archive
        // keeps compressed copies; Orthanc asks for any transfer syntax, so it gets each as stored.
        var gb18030 = new TestSeries { CharacterSet = "GB18030", PatientName = Gb18030Name, Size = 32 };
        var jpegLs = new TestSeries
        {
            StudyInstanceUid = gb18030.StudyInstanceUid, PatientId = gb18030.PatientId, AccessionNumber = gb18030.AccessionNumber,
            CharacterSet = "GB18030", PatientName = Gb18030Name, Size = 32,
        };
        var archived = new Dictionary<string, (TestSeries Series, int Number, DicomDataset Original)>();
        var files = new List<DicomFile>();
        foreach (var series in new[] { gb18030, jpegLs })
        {
            for (var number = 1; number <= 3; number++)
            {
                var instance = series.Instance(number);
                archived[Sop(instance)] = (series, number, instance.Clone());
                var file = new DicomFile(instance, DicomTransferSyntax.ExplicitVRLittleEndian);
                files.Add(series == jpegLs ? DicomTranscoder.Transcode(file, DicomTransferSyntax.JPEGLSLossless) : file);
            }
        }
        await fixture.ArchiveAsync(files);

        var found = await _rest.PostAsJsonAsync($"dicom-web/servers/{CloudFilmServer}/get", new Dictionary<string, object>
        {
            ["Uri"] = "/studies",
            ["Arguments"] = new Dictionary<string, string> { ["PatientID"] = gb18030.PatientId, ["includefield"] = "00201208" },
        });
        var studies = await found.Content.ReadAsStringAsync();
        found.StatusCode.Should().Be(HttpStatusCode.OK, "Orthanc's QIDO-RS proxy answers: {0}\n{1}", studies, _orthanc.Log);
        var study = JsonNode.Parse(studies)!.AsArray().Should().ContainSingle().Subject!;
        study["0020000D"]!["Value"]![0]!.GetValue<string>().Should().Be(gb18030.StudyInstanceUid);
        study["00100010"]!["Value"]![0]!["Alphabetic"]!.GetValue<string>().Should().Be("Wang^Wu");
        study["00100010"]!["Value"]![0]!["Ideographic"]!.GetValue<string>().Should().Be("王^五");
        study["00201208"]!["Value"]![0]!.GetValue<int>().Should().Be(6);

        var retrieve = await _rest.PostAsJsonAsync($"dicom-web/servers/{CloudFilmServer}/retrieve", new Dictionary<string, object>
        {
            ["Resources"] = new[] { new Dictionary<string, string> { ["Study"] = gb18030.StudyInstanceUid } },
        });
        var retrieved = await retrieve.Content.ReadAsStringAsync();
        retrieve.StatusCode.Should().Be(HttpStatusCode.OK, "Orthanc's WADO-RS retrieve answers: {0}\n{1}", retrieved, _orthanc.Log);

        foreach (var (sop, (series, number, original)) in archived)
        {
            var copy = await OrthancCopyAsync(sop);
            copy.TransferSyntax.Should().Be(series == jpegLs ? DicomTransferSyntax.JPEGLSLossless : DicomTransferSyntax.ExplicitVRLittleEndian,
                "Orthanc holds {0} as CloudFilm stored it", sop);
            var native = Decompressed(copy.Path);
            SameDataSet(native.Dataset, original, sop);
            Bytes(native.Dataset, DicomTags.PixelData).Should().Equal(series.Pixels(number), "the pixels of {0} after decompression", sop);
            Bytes(native.Dataset, DicomTags.PatientName).Should().Equal([.. "Wang^Wu="u8, 0xCD, 0xF5, (byte)'^', 0xCE, 0xE5, (byte)' '],
                "王^五 in GB18030, padded, in {0}", sop);
        }
        var orthancSeries = await _rest.GetFromJsonAsync<JsonArray>("series");
        orthancSeries!.Count.Should().Be(2, "Orthanc holds the study's two series and nothing else");
    }

    /// <summary>Orthanc's stored copy of an instance, written to a file of its own (Orthanc's lookup by UID, then its file).</summary>
    private async Task<(DicomTransferSyntax TransferSyntax, string Path)> OrthancCopyAsync(string sop)
    {
        var lookup = await _rest.PostAsync("tools/lookup", new StringContent(sop));
        var hits = JsonNode.Parse(await lookup.Content.ReadAsStringAsync())!.AsArray();
        var instance = hits.SingleOrDefault(h => h!["Type"]!.GetValue<string>() == "Instance");
        instance.Should().NotBeNull("Orthanc holds {0} after the retrieve\n{1}", sop, _orthanc.Log);
        var path = Path.Combine(_work, sop + ".orthanc.dcm");
        await File.WriteAllBytesAsync(path, await _rest.GetByteArrayAsync($"instances/{instance!["ID"]!.GetValue<string>()}/file"));
        return (DicomFile.Open(path).TransferSyntax, path);
    }

    /// <summary>Gives Orthanc a Part 10 file through its REST API; returns the Orthanc id of the file's study.</summary>
    private async Task<string> UploadAsync(string path)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        var response = await _rest.PostAsync("instances", content);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, "Orthanc takes {0}: {1}", Path.GetFileName(path), body);
        var json = JsonNode.Parse(body)!;
        json["Status"]!.GetValue<string>().Should().Be("Success");
        return json["ParentStudy"]!.GetValue<string>();
    }

    /// <summary>Asks Orthanc's DICOMweb plugin to send studies to a server it knows, waiting for the job to end.</summary>
    private Task<HttpResponseMessage> StowAsync(string server, IEnumerable<string> orthancStudies) =>
        _rest.PostAsJsonAsync($"dicom-web/servers/{server}/stow", new Dictionary<string, object> { ["Resources"] = orthancStudies.ToArray(), ["Synchronous"] = true });

    private static async Task<(string Study, string BlobKey, string Source)> IndexRowAsync(NpgsqlDataSource db, string sop)
    {
        await using var command = db.CreateCommand("SELECT study_instance_uid, blob_key, source_ae_title FROM dicom_instances WHERE sop_instance_uid = @sop");
        command.Parameters.AddWithValue("sop", sop);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue("the index holds {0}", sop);
        return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
    }

    /// <summary>
    /// The stored copy as native pixels: the archive keeps instances as received or, once compressed in a quiet moment,
    /// as JPEG-LS lossless, which dcmtk's dcmdjpls (not our codec) decodes for the comparison.
    /// </summary>
    private DicomFile Decompressed(string blob)
    {
        File.Exists(blob).Should().BeTrue("the blob store holds {0}", blob);
        var stored = DicomFile.Open(blob);
        if (!stored.TransferSyntax.IsEncapsulated)
        {
            return stored;
        }
        stored.TransferSyntax.Uid.Should().BeOneOf(DicomUids.JPEGLSLossless, DicomUids.JPEGLSNearLossless);
        var native = Path.Combine(_work, Path.GetFileName(blob) + ".native.dcm");
        ExternalProcess.Run("dcmdjpls", [blob, native]);
        return DicomFile.Open(native);
    }

    /// <summary>Every element of the data set (not the file meta) with the same VR and the same bytes, and no other.</summary>
    private static void SameDataSet(DicomDataset stored, DicomDataset sent, string sop)
    {
        stored.Select(i => i.Tag).Should().Equal(sent.Select(i => i.Tag), "the attributes of {0}", sop);
        foreach (var item in sent)
        {
            var copy = stored.Find(item.Tag)!;
            copy.VR.Should().Be(item.VR, "the VR of {0} in {1}", item.Tag, sop);
            Bytes(stored, item.Tag).Should().Equal(Bytes(sent, item.Tag), "the value of {0} in {1}", item.Tag, sop);
        }
    }

    private static byte[] Bytes(DicomDataset dataset, DicomTag tag) =>
        (dataset.FindElement(tag) ?? throw new InvalidOperationException($"{tag} is not a plain element")).Buffer.Memory.ToArray();

    private static string Sop(DicomDataset dataset) => dataset.GetString(DicomTags.SOPInstanceUID)!;
}
