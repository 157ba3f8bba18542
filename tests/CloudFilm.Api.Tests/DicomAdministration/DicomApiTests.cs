using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFilm.Api.Tests.Studies;
using CloudFilm.Archive;
using CloudFilm.Archive.Index;
using CloudFilm.Archive.Measurements;
using CloudFilm.Dicom.Uids;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CloudFilm.Api.Tests.DicomAdministration;

[Collection(ApiCollection.Name)]
public class DicomApiTests(ApiFixture fixture)
{
    private readonly HttpClient _system = fixture.SystemClient();

    [Fact]
    public async Task Peers_are_added_updated_listed_and_removed()
    {
        var ae = "CT" + Random.Shared.Next(10000, 99999);
        var added = await _system.PutAsJsonAsync("/api/v1/dicom/peers", new { aeTitle = ae, ipAddress = "10.1.2.3", description = "CT 东院" });
        var updated = await _system.PutAsJsonAsync("/api/v1/dicom/peers", new { aeTitle = ae, ipAddress = "10.1.2.3", port = 104, description = "CT 东院" });
        var list = await _system.GetFromJsonAsync<JsonArray>("/api/v1/dicom/peers");
        var removed = await _system.DeleteAsync($"/api/v1/dicom/peers/{ae}/10.1.2.3");
        var again = await _system.DeleteAsync($"/api/v1/dicom/peers/{ae}/10.1.2.3");

        added.StatusCode.Should().Be(HttpStatusCode.Created);
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        list!.Should().Contain(p => p!["aeTitle"]!.GetValue<string>() == ae && p["port"]!.GetValue<int>() == 104 && p["description"]!.GetValue<string>() == "CT 东院");
        removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_peer_names_every_offending_field()
    {
        var response = await _system.PutAsJsonAsync("/api/v1/dicom/peers", new { aeTitle = "THIS AE TITLE IS FAR TOO LONG", ipAddress = "not-an-ip", port = 70000 });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().BeEquivalentTo("aeTitle", "ipAddress", "port");
    }

    [Fact]
    public async Task Peers_need_the_admin_role()
    {
        var nurse = fixture.Api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        (await nurse.PostAsJsonAsync("/api/v1/staff/session", new { name = "nurse", password = "nurse-pass-1" })).EnsureSuccessStatusCode();

        (await nurse.GetAsync("/api/v1/dicom/peers")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fixture.Api.CreateClient().GetAsync("/api/v1/dicom/peers")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unmatched_images_are_listed_then_linked_to_their_order_and_shown_with_it()
    {
        var studyUid = "2.25." + Random.Shared.NextInt64(1, long.MaxValue);
        await IndexAsync(studyUid, accession: "WRONG-" + Guid.NewGuid().ToString("N")[..6]);
        var accession = StudyRequests.UniqueAccession();
        (await _system.PostAsync("/api/v1/studies", StudyRequests.Json(StudyRequests.Registration(accession)))).EnsureSuccessStatusCode();

        var unmatched = await _system.GetFromJsonAsync<JsonArray>("/api/v1/reconciliation");
        var match = await _system.PostAsJsonAsync($"/api/v1/reconciliation/{studyUid}/match", new { studyKey = accession });
        var after = await _system.GetFromJsonAsync<JsonArray>("/api/v1/reconciliation");
        var images = await _system.GetFromJsonAsync<JsonObject>($"/api/v1/studies/{accession}/images");

        unmatched!.Should().Contain(s => s!["studyInstanceUid"]!.GetValue<string>() == studyUid);
        match.StatusCode.Should().Be(HttpStatusCode.Accepted);
        after!.Should().NotContain(s => s!["studyInstanceUid"]!.GetValue<string>() == studyUid);
        var study = images!["studies"]!.AsArray().Should().ContainSingle().Subject!;
        study["study"]!["studyInstanceUid"]!.GetValue<string>().Should().Be(studyUid);
        study["series"]!.AsArray().Should().ContainSingle().Which!["instances"]!.AsArray().Should().HaveCount(1);
    }

    [Fact]
    public async Task Linking_to_an_order_nobody_registered_is_not_found()
    {
        var response = await _system.PostAsJsonAsync("/api/v1/reconciliation/2.25.1/match", new { studyKey = StudyRequests.UniqueAccession() });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Measurements_of_an_order_are_listed_with_the_latest_value_of_each_report_field()
    {
        var studyUid = "2.25." + Random.Shared.NextInt64(1, long.MaxValue);
        var accession = StudyRequests.UniqueAccession();
        await IndexAsync(studyUid, accession);
        await using (var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString))
        {
            await new MeasurementStore(dataSource).ReplaceAsync(studyUid + ".1.1", studyUid, [
                new Measurement(1, "10230-1", "LN", "Left Ventricular Ejection Fraction", 61.5m, "%", "%", "Left Ventricle", "Report > Group", "LVEF"),
                new Measurement(2, "99X", "99AI", "二尖瓣 E 峰", 0.8m, "m/s", "m/s", "Mitral Valve", "Report > Group", null),
            ], default);
        }

        var body = await _system.GetFromJsonAsync<JsonObject>($"/api/v1/studies/{accession}/measurements");

        body!["measurements"]!.AsArray().Should().HaveCount(2);
        body["measurements"]![1]!["measurement"]!["conceptMeaning"]!.GetValue<string>().Should().Be("二尖瓣 E 峰");
        body["fields"]!["LVEF"]!["value"]!.GetValue<decimal>().Should().Be(61.5m);
        body["fields"]!.AsObject().Should().ContainSingle();
    }

    [Fact]
    public async Task Pulls_from_the_pacs_are_queued_one_job_per_value_and_readable()
    {
        var accession = StudyRequests.UniqueAccession();
        var queued = await _system.PostAsJsonAsync("/api/v1/dicom/retrieve", new { accessionNumbers = new[] { accession }, patientIds = new[] { "P-OLD-1" } });
        var jobs = await queued.Content.ReadFromJsonAsync<JsonArray>();
        var one = await _system.GetFromJsonAsync<JsonObject>($"/api/v1/dicom/retrieve/{jobs![0]!["id"]!.GetValue<long>()}");
        var empty = await _system.PostAsJsonAsync("/api/v1/dicom/retrieve", new { accessionNumbers = Array.Empty<string>() });

        queued.StatusCode.Should().Be(HttpStatusCode.Accepted);
        jobs.Select(j => j!["matchKey"]!.GetValue<string>()).Should().Equal("accession", "patient-id");
        one!["matchValue"]!.GetValue<string>().Should().Be(accession);
        one["status"]!.GetValue<string>().Should().Be("queued");
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _system.GetAsync("/api/v1/dicom/retrieve/999999999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_ai_push_delivery_log_is_readable()
    {
        var response = await _system.GetAsync("/api/v1/dicom/ai-push?status=failed");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonArray>()).Should().NotBeNull();
    }

    /// <summary>Writes index rows as the DICOM front node would, and marks the study unmatched as its notifier would.</summary>
    private async Task IndexAsync(string studyUid, string accession)
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using (var writer = new InstanceIndexWriter(dataSource, DuplicatePolicy.KeepFirst, 8, NullLogger<InstanceIndexWriter>.Instance))
        {
            await writer.WriteAsync(new InstanceRecord
            {
                StudyInstanceUid = studyUid, SeriesInstanceUid = studyUid + ".1", SopInstanceUid = studyUid + ".1.1", SopClassUid = DicomUids.CTImageStorage,
                PatientId = "P0009", IssuerOfPatientId = "", PatientName = "Wang^Wu=王^五", PatientSex = "F", AccessionNumber = accession, StudyTime = "",
                StudyId = "", StudyDescription = "", ReferringPhysician = "", Modality = "CT", SeriesDescription = "", BodyPart = "",
                TransferSyntaxUid = DicomUids.ExplicitVRLittleEndian, ReceivedSyntaxUid = DicomUids.ExplicitVRLittleEndian, BlobKey = "x/" + studyUid + ".dcm",
                SourceAeTitle = "CT1", ReceivedAt = DateTimeOffset.UtcNow,
            }, enqueueCompression: false, default);
        }
        await using var mark = dataSource.CreateCommand("UPDATE dicom_studies SET match_status = 'unmatched', notified_revision = revision WHERE study_instance_uid = @u");
        mark.Parameters.AddWithValue("u", studyUid);
        await mark.ExecuteNonQueryAsync();
    }
}
