using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFilm.Archive.Blobs;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;
using CloudFilm.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace CloudFilm.Api.Tests.DicomWeb;

/// <summary>STOW-RS through the real Api host: what is stored lands in the index and blob store as a C-STORE would, and each failure is its own.</summary>
[Collection(ApiCollection.Name)]
public sealed class StowRsTests(ApiFixture fixture) : IAsyncLifetime
{
    private const string FailedSop = "00081198";
    private const string ReferencedSop = "00081199";
    private const string FailureReason = "00081197";

    private readonly HttpClient _system = fixture.SystemClient();
    private WebApplicationFactory<Program> _replacing = null!;

    public Task InitializeAsync()
    {
        // A second Api copy configured to replace duplicates, with small STOW limits (a 64x64 test instance is about 9 KB).
        _replacing = fixture.Api.WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Archive:Duplicates"] = "Replace",
            ["DicomWeb:MaxStoreRequestBytes"] = "24000",
            ["DicomWeb:MaxStorePartBytes"] = "10000",
        })));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _replacing.DisposeAsync();

    [Fact]
    public async Task A_series_stored_by_stow_is_indexed_on_disk_queued_for_compression_and_due_for_its_study_grain()
    {
        var series = new TestSeries();
        var instances = Enumerable.Range(1, 3).Select(i => series.Instance(i)).ToList();

        var response = await _system.PostAsync("/dicomweb/studies", Multipart([.. instances.Select(Part10)]));
        var body = await Body(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/dicom+json");
        response.Content.Headers.ContentLocation!.ToString().Should().EndWith($"/dicomweb/studies/{series.StudyInstanceUid}");
        body["00081190"]!["Value"]![0]!.GetValue<string>().Should().EndWith($"/dicomweb/studies/{series.StudyInstanceUid}");
        var referenced = Items(body, ReferencedSop);
        referenced.Select(i => Text(i, "00081155")).Should().Equal(instances.Select(Sop));
        referenced.Should().OnlyContain(i => Text(i, "00081150") == DicomUids.CTImageStorage);
        Text(referenced[0], "00081190").Should().EndWith($"/studies/{series.StudyInstanceUid}/series/{series.SeriesInstanceUid}/instances/{Sop(instances[0])}");
        body.ContainsKey(FailedSop).Should().BeFalse();

        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        (await Scalar<long>(db, "SELECT count(*) FROM dicom_instances WHERE study_instance_uid = @u AND source_ae_title = 'STOW-RS'", series.StudyInstanceUid)).Should().Be(3);
        (await Scalar<long>(db, "SELECT count(*) FROM dicom_compression_queue q JOIN dicom_instances i USING (sop_instance_uid) WHERE i.study_instance_uid = @u",
            series.StudyInstanceUid)).Should().Be(3);
        (await Scalar<int>(db, "SELECT instance_count FROM dicom_studies WHERE study_instance_uid = @u", series.StudyInstanceUid)).Should().Be(3);
        // The DICOM front node's StudyArrivalNotifier tells the StudyGrain of every study whose revision is ahead of what it told.
        (await Scalar<bool>(db, "SELECT revision > notified_revision FROM dicom_studies WHERE study_instance_uid = @u", series.StudyInstanceUid)).Should().BeTrue();
        foreach (var instance in instances)
        {
            var stored = DicomFile.Open(Path.Combine(ApiHostEnvironment.BlobRoot, BlobStore.KeyOf(series.StudyInstanceUid, Sop(instance))));
            stored.Dataset.GetString(Dicom.Dictionary.DicomTags.SOPInstanceUID).Should().Be(Sop(instance));
        }
        NoTemporariesLeft();
    }

    [Fact]
    public async Task A_part_that_is_not_dicom_fails_alone_with_202()
    {
        var series = new TestSeries();
        var good = new[] { series.Instance(1), series.Instance(2) };

        var response = await _system.PostAsync($"/dicomweb/studies/{series.StudyInstanceUid}",
            Multipart(Part("application/dicom", Part10(good[0])), Part("application/dicom", "this is not a DICOM file"u8.ToArray()),
                Part("application/dicom", Part10(good[1]))));
        var body = await Body(response);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        Items(body, ReferencedSop).Select(i => Text(i, "00081155")).Should().Equal(good.Select(Sop));
        var failed = Items(body, FailedSop).Should().ContainSingle().Subject;
        Reason(failed).Should().Be(0xC000);
        NoTemporariesLeft();
    }

    [Fact]
    public async Task An_instance_of_another_study_than_the_url_fails_and_nothing_of_it_is_kept()
    {
        var series = new TestSeries();
        var other = new TestSeries();
        var stray = other.Instance(1);

        var response = await _system.PostAsync($"/dicomweb/studies/{series.StudyInstanceUid}", Multipart(Part10(stray)));
        var body = await Body(response);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var failed = Items(body, FailedSop).Should().ContainSingle().Subject;
        Reason(failed).Should().Be(0xA900);
        Text(failed, "00081155").Should().Be(Sop(stray));
        body.ContainsKey(ReferencedSop).Should().BeFalse();
        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        (await Scalar<long>(db, "SELECT count(*) FROM dicom_instances WHERE sop_instance_uid = @u", Sop(stray))).Should().Be(0);
        File.Exists(Path.Combine(ApiHostEnvironment.BlobRoot, BlobStore.KeyOf(other.StudyInstanceUid, Sop(stray)))).Should().BeFalse();
        NoTemporariesLeft();
    }

    [Fact]
    public async Task A_data_set_whose_meta_names_another_instance_fails_with_a900_and_an_unknown_syntax_with_c122()
    {
        var series = new TestSeries();
        var mismatched = new DicomFile(series.Instance(1), DicomTransferSyntax.ExplicitVRLittleEndian);
        mismatched.Meta.Set(Dicom.Dictionary.DicomTags.MediaStorageSOPInstanceUID, DicomUidGenerator.NewUid());
        var unknownSyntax = Part10(series.Instance(2));
        var syntax = System.Text.Encoding.ASCII.GetBytes(DicomUids.ExplicitVRLittleEndian);
        var at = unknownSyntax.AsSpan().IndexOf(syntax);
        syntax.Length.Should().BeGreaterThan(5);
        unknownSyntax[at + syntax.Length - 1] = (byte)'9'; // 1.2.840.10008.1.2.9: no such syntax, same length

        var response = await _system.PostAsync("/dicomweb/studies", Multipart(Bytes(mismatched), unknownSyntax));
        var failed = Items(await Body(response), FailedSop);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        failed.Select(Reason).Should().Equal(0xA900, 0xC122);
        NoTemporariesLeft();
    }

    [Fact]
    public async Task A_resent_instance_keeps_the_first_copy_under_keep_first_and_one_row()
    {
        var series = new TestSeries();
        var sop = DicomUidGenerator.NewUid();
        var first = series.Instance(1, sop);
        var second = series.Instance(1, sop);
        second.Set(Dicom.Dictionary.DicomTags.SeriesDescription, "resent");

        (await _system.PostAsync("/dicomweb/studies", Multipart(Part10(first)))).StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await _system.PostAsync("/dicomweb/studies", Multipart(Part10(second)));

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        Items(await Body(again), ReferencedSop).Should().ContainSingle();
        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        (await Scalar<long>(db, "SELECT count(*) FROM dicom_instances WHERE sop_instance_uid = @u", sop)).Should().Be(1);
        StoredSeriesDescription(series.StudyInstanceUid, sop).Should().BeNull();
    }

    [Fact]
    public async Task A_resent_instance_replaces_the_first_copy_under_replace_and_one_row()
    {
        var client = SystemClientOf(_replacing);
        var series = new TestSeries();
        var sop = DicomUidGenerator.NewUid();
        var first = series.Instance(1, sop);
        var second = series.Instance(1, sop);
        second.Set(Dicom.Dictionary.DicomTags.SeriesDescription, "resent");

        (await client.PostAsync("/dicomweb/studies", Multipart(Part10(first)))).StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await client.PostAsync("/dicomweb/studies", Multipart(Part10(second)));

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        (await Scalar<long>(db, "SELECT count(*) FROM dicom_instances WHERE sop_instance_uid = @u", sop)).Should().Be(1);
        StoredSeriesDescription(series.StudyInstanceUid, sop).Should().Be("resent");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_a_part_over_the_part_limit_fails_alone()
    {
        var client = SystemClientOf(_replacing);
        var small = new TestSeries();
        var large = new TestSeries { StudyInstanceUid = small.StudyInstanceUid, Size = 72 }; // 10.4 KB of pixels: over the part limit

        var tooLarge = await client.PostAsync("/dicomweb/studies", Multipart(Part10(small.Instance(1)), Part10(small.Instance(2)), Part10(small.Instance(3))));
        var oneTooLarge = await client.PostAsync("/dicomweb/studies", Multipart(Part10(small.Instance(4)), Part10(large.Instance(5))));

        tooLarge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await tooLarge.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>().Should().Be("store-request-too-large");
        oneTooLarge.StatusCode.Should().Be(HttpStatusCode.Accepted);
        Reason(Items(await Body(oneTooLarge), FailedSop).Should().ContainSingle().Subject).Should().Be(0xA700);
        NoTemporariesLeft();
    }

    [Fact]
    public async Task A_wrong_media_type_is_415_and_a_malformed_multipart_400()
    {
        var json = await _system.PostAsync("/dicomweb/studies", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        var dicomJson = Multipart(Part10(new TestSeries().Instance(1)));
        dicomJson.Headers.ContentType!.Parameters.Single(p => p.Name == "type").Value = "\"application/dicom+json\"";
        var jsonParts = await _system.PostAsync("/dicomweb/studies", dicomJson);
        var garbage = new ByteArrayContent("no boundary anywhere in here"u8.ToArray());
        garbage.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/related; type=\"application/dicom\"; boundary=xyz");
        var malformed = await _system.PostAsync("/dicomweb/studies", garbage);

        json.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await json.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>().Should().Be("store-media-type-not-supported");
        jsonParts.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await malformed.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>().Should().Be("store-multipart-malformed");
    }

    [Fact]
    public async Task Only_staff_who_may_store_and_systems_may_store()
    {
        var series = new TestSeries();
        var anonymous = await fixture.Api.CreateClient().PostAsync("/dicomweb/studies", Multipart(Part10(series.Instance(1))));
        var nurse = await StaffClientAsync("nurse", "nurse-pass-1");
        var admin = await StaffClientAsync("admin", "admin-pass-1");

        var byNurse = await nurse.PostAsync("/dicomweb/studies", Multipart(Part10(series.Instance(2))));
        var byAdmin = await admin.PostAsync("/dicomweb/studies", Multipart(Part10(series.Instance(3))));

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        byNurse.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await byNurse.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>().Should().Be("role-required");
        byAdmin.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<HttpClient> StaffClientAsync(string name, string password)
    {
        var client = fixture.Api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        (await client.PostAsJsonAsync("/api/v1/staff/session", new { name, password })).EnsureSuccessStatusCode();
        return client;
    }

    private static HttpClient SystemClientOf(WebApplicationFactory<Program> api)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiFixture.SystemKey);
        return client;
    }

    private static string? StoredSeriesDescription(string study, string sop) =>
        DicomFile.Open(Path.Combine(ApiHostEnvironment.BlobRoot, BlobStore.KeyOf(study, sop))).Dataset.GetString(Dicom.Dictionary.DicomTags.SeriesDescription);

    private static void NoTemporariesLeft()
    {
        var incoming = Path.Combine(ApiHostEnvironment.BlobRoot, ".incoming");
        (Directory.Exists(incoming) ? Directory.GetFiles(incoming) : []).Should().BeEmpty();
    }

    private static MultipartContent Multipart(params byte[][] parts) =>
        Multipart([.. parts.Select(p => Part("application/dicom", p))]);

    private static MultipartContent Multipart(params ByteArrayContent[] parts)
    {
        var content = new MultipartContent("related");
        content.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("type", "\"application/dicom\""));
        foreach (var part in parts)
        {
            content.Add(part);
        }
        return content;
    }

    private static ByteArrayContent Part(string type, byte[] bytes)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(type);
        return part;
    }

    private static byte[] Part10(DicomDataset dataset) => Bytes(new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian));

    private static byte[] Bytes(DicomFile file)
    {
        using var stream = new MemoryStream();
        file.Write(stream);
        return stream.ToArray();
    }

    private static string Sop(DicomDataset dataset) => dataset.GetString(Dicom.Dictionary.DicomTags.SOPInstanceUID)!;

    private static async Task<JsonObject> Body(HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)!;

    private static List<JsonObject> Items(JsonObject body, string sequence) =>
        [.. body[sequence]!["Value"]!.AsArray().Select(i => i!.AsObject())];

    private static string Text(JsonObject item, string tag) => item[tag]!["Value"]![0]!.GetValue<string>();

    private static int Reason(JsonObject item) => item[FailureReason]!["Value"]![0]!.GetValue<int>();

    private static async Task<T> Scalar<T>(NpgsqlDataSource db, string sql, string uid)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.AddWithValue("u", uid);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
