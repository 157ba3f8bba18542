using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudFilm.Api.Tests.Reports;
using CloudFilm.Api.Tests.Studies;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Api.Tests.Sharing;

/// <summary>The whole cloud film flow: report in, notification SMS, verification by code, the study and its report.</summary>
[Collection(ApiCollection.Name)]
public partial class CloudFilmFlowTests(ApiFixture fixture)
{
    private readonly HttpClient _system = fixture.SystemClient();

    [GeneratedRegex(@"/s/([A-Za-z0-9_-]{22})")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"验证码 (\d{6})")]
    private static partial Regex CodePattern();

    /// <summary>Registers a study for a new patient with a phone of its own, reports it final, returns the link token.</summary>
    private async Task<(string Accession, string Phone, string Token)> PublishedStudyAsync()
    {
        var accession = StudyRequests.UniqueAccession();
        var phone = ReportRequests.UniquePhone();
        var patientId = "P" + accession;
        var registration = StudyRequests.Registration(accession, patientId);
        registration["patient"]!["phone"] = phone;
        (await _system.PostAsync("/api/v1/studies", StudyRequests.Json(registration))).EnsureSuccessStatusCode();
        var report = ReportRequests.Report("final", patientId, phone: phone);
        (await _system.PostAsync($"/api/v1/studies/{accession}/reports", StudyRequests.Json(report))).EnsureSuccessStatusCode();
        var notification = await fixture.LatestSmsAsync(phone);
        notification.Should().NotBeNull("a final report tells the patient by SMS");
        notification.Should().Contain("云影医院").And.Contain("云胶片");
        return (accession, phone, LinkPattern().Match(notification!).Groups[1].Value);
    }

    private async Task<string> SendCodeAsync(HttpClient viewer, string token, string phone)
    {
        var sent = await viewer.PostAsync($"/api/v1/share/{token}/code", null);
        sent.StatusCode.Should().Be(HttpStatusCode.OK);
        var sms = await fixture.LatestSmsAsync(phone);
        return CodePattern().Match(sms!).Groups[1].Value;
    }

    [Fact]
    public async Task Report_in_code_by_sms_verified_viewer_sees_the_study_and_report()
    {
        var (accession, phone, token) = await PublishedStudyAsync();
        var viewer = fixture.Api.CreateClient();

        var status = await viewer.GetFromJsonAsync<JsonObject>($"/api/v1/share/{token}");
        status!["state"]!.GetValue<string>().Should().Be("needs-verification");
        status["verification"]!.GetValue<string>().Should().Be("sms");
        status["phone"]!.GetValue<string>().Should().Be(phone[..3] + "****" + phone[^4..]);
        (await viewer.GetAsync($"/api/v1/share/{token}/studies")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var code = await SendCodeAsync(viewer, token, phone);
        code.Should().HaveLength(6);
        var wrong = await viewer.PostAsJsonAsync($"/api/v1/share/{token}/verify", new { code = code == "000000" ? "111111" : "000000" });
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadFromJsonAsync<JsonObject>())!["attemptsLeft"]!.GetValue<int>().Should().Be(4);
        var verified = await viewer.PostAsJsonAsync($"/api/v1/share/{token}/verify", new { code });
        verified.StatusCode.Should().Be(HttpStatusCode.OK);

        var studies = await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/share/{token}/studies");
        studies!.Select(s => s!["studyKey"]!.GetValue<string>()).Should().Equal(accession);
        var study = await viewer.GetFromJsonAsync<JsonObject>($"/api/v1/share/{token}/studies/{accession}");
        study!["patient"]!["name"]!.GetValue<string>().Should().Be("张三");
        study["report"]!["findings"]!.GetValue<string>().Should().Be("双肺纹理清晰，未见明确结节。");
        study["report"]!["impression"]!.GetValue<string>().Should().Be("胸部CT平扫未见明显异常。");

        var log = await _system.GetFromJsonAsync<JsonObject>($"/api/v1/shares/{TokenId(token)}");
        log!["accessLog"]!.AsArray().Select(a => a!["what"]!.GetValue<string>()).Should().Contain(["verified", "list", "study " + accession]);
    }

    [Fact]
    public async Task The_cloud_film_shows_the_patients_images_and_never_another_patients_sent_under_the_same_accession()
    {
        var (accession, phone, token) = await PublishedStudyAsync();
        var ownSeries = await ArchiveImagesAsync(accession, "P" + accession);
        await ArchiveImagesAsync(accession, "P-SOMEONE-ELSE"); // a modality typo: another patient, the same accession
        var viewer = fixture.Api.CreateClient();
        var code = await SendCodeAsync(viewer, token, phone);
        (await viewer.PostAsJsonAsync($"/api/v1/share/{token}/verify", new { code })).StatusCode.Should().Be(HttpStatusCode.OK);

        var series = await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/share/{token}/studies/{accession}/series");

        series!.Select(s => s!["seriesInstanceUid"]!.GetValue<string>()).Should().Equal(ownSeries);
    }

    /// <summary>Indexes a one-image DICOM study for the accession and tells the order's grain, as the front node does.</summary>
    private async Task<string> ArchiveImagesAsync(string accession, string patientId)
    {
        var study = CloudFilm.Dicom.Uids.DicomUidGenerator.NewUid();
        var series = CloudFilm.Dicom.Uids.DicomUidGenerator.NewUid();
        var sop = CloudFilm.Dicom.Uids.DicomUidGenerator.NewUid();
        var now = DateTimeOffset.UtcNow;
        await using (var dataSource = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString))
        await using (var writer = new CloudFilm.Archive.Index.InstanceIndexWriter(dataSource, CloudFilm.Archive.DuplicatePolicy.KeepFirst, 8,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<CloudFilm.Archive.Index.InstanceIndexWriter>.Instance))
        {
            await writer.WriteAsync(new CloudFilm.Archive.Index.InstanceRecord
            {
                StudyInstanceUid = study, SeriesInstanceUid = series, SopInstanceUid = sop, SopClassUid = DicomUids.CTImageStorage,
                PatientId = patientId, IssuerOfPatientId = "HOSP", PatientName = "Zhang^San=张^三", PatientSex = "M",
                AccessionNumber = accession, StudyTime = "", StudyId = "", StudyDescription = "", ReferringPhysician = "",
                Modality = "CT", SeriesDescription = "", BodyPart = "", Rows = 32, Columns = 32, HasPixelData = true,
                TransferSyntaxUid = DicomUids.ExplicitVRLittleEndian, ReceivedSyntaxUid = DicomUids.ExplicitVRLittleEndian,
                BlobKey = CloudFilm.Archive.Blobs.BlobStore.KeyOf(study, sop), SourceAeTitle = "CT1", ReceivedAt = now,
            }, enqueueCompression: false, default);
        }
        await fixture.Cluster.Client.GetGrain<CloudFilm.Grains.Abstractions.Studies.IStudyGrain>(CloudFilm.Grains.Abstractions.Studies.StudyKeys.GrainKey(accession))
            .RecordImagesAsync(new CloudFilm.Grains.Abstractions.Archive.ImageArrival(study, patientId, "HOSP", 1, 1, now, now, 1));
        return series;
    }

    [Fact]
    public async Task A_code_works_once()
    {
        var (_, phone, token) = await PublishedStudyAsync();
        var code = await SendCodeAsync(fixture.Api.CreateClient(), token, phone);
        (await fixture.Api.CreateClient().PostAsJsonAsync($"/api/v1/share/{token}/verify", new { code })).StatusCode.Should().Be(HttpStatusCode.OK);

        var again = await fixture.Api.CreateClient().PostAsJsonAsync($"/api/v1/share/{token}/verify", new { code });

        again.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_link_even_against_the_right_code()
    {
        var (_, phone, token) = await PublishedStudyAsync();
        var viewer = fixture.Api.CreateClient();
        var code = await SendCodeAsync(viewer, token, phone);
        var wrongCode = code == "000000" ? "111111" : "000000";

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await viewer.PostAsJsonAsync($"/api/v1/share/{token}/verify", new { code = wrongCode })).StatusCode);
        }
        var right = await viewer.PostAsJsonAsync($"/api/v1/share/{token}/verify", new { code });

        answers.Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, (HttpStatusCode)423);
        right.StatusCode.Should().Be((HttpStatusCode)423);
        (await viewer.GetFromJsonAsync<JsonObject>($"/api/v1/share/{token}"))!["state"]!.GetValue<string>().Should().Be("locked");
    }

    [Fact]
    public async Task A_second_code_within_a_minute_is_refused_with_retry_after()
    {
        var (_, phone, token) = await PublishedStudyAsync();
        var viewer = fixture.Api.CreateClient();
        await SendCodeAsync(viewer, token, phone);

        var again = await viewer.PostAsync($"/api/v1/share/{token}/code", null);

        again.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        again.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
    }

    [Fact]
    public async Task A_withdrawn_link_is_gone()
    {
        var (accession, _, _) = await PublishedStudyAsync();
        var created = await _system.PostAsJsonAsync($"/api/v1/studies/{accession}/shares", new { verification = "none", days = 3 });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var share = await created.Content.ReadFromJsonAsync<JsonObject>();
        var token = share!["token"]!.GetValue<string>();
        var viewer = fixture.Api.CreateClient();
        (await viewer.GetAsync($"/api/v1/share/{token}/studies")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await _system.DeleteAsync($"/api/v1/shares/{share["share"]!["tokenId"]!.GetValue<string>()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var after = await viewer.GetAsync($"/api/v1/share/{token}/studies");
        after.StatusCode.Should().Be(HttpStatusCode.Gone);
        (await after.Content.ReadFromJsonAsync<JsonObject>())!["state"]!.GetValue<string>().Should().Be("revoked");
    }

    [Fact]
    public async Task A_deidentified_link_shows_no_identifiers()
    {
        var (accession, phone, _) = await PublishedStudyAsync();
        var created = await _system.PostAsJsonAsync($"/api/v1/studies/{accession}/shares", new { verification = "none", deidentified = true, accessCode = "8866" });
        var token = (await created.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        var viewer = fixture.Api.CreateClient();
        (await viewer.PostAsJsonAsync($"/api/v1/share/{token}/verify", new { accessCode = "1234" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await viewer.PostAsJsonAsync($"/api/v1/share/{token}/verify", new { accessCode = "8866" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var json = await viewer.GetStringAsync($"/api/v1/share/{token}/studies/{accession}");

        json.Should().NotContain("张三").And.NotContain("P" + accession).And.NotContain(phone).And.NotContain("1980").And.NotContain("东院")
            .And.NotContain("李医生");
        var study = JsonNode.Parse(json)!;
        study["patient"]!["name"]!.GetValue<string>().Should().Be("匿名 Anonymous");
        study["patient"]!["age"]!.GetValue<int>().Should().BeGreaterThan(40);
        study["report"]!["impression"]!.GetValue<string>().Should().Be("胸部CT平扫未见明显异常。");
        (await viewer.GetStringAsync($"/api/v1/share/{token}/studies")).Should().NotContain("东院");
    }

    [Fact]
    public async Task A_patient_scoped_link_opens_only_that_patients_studies()
    {
        var (accession, _, _) = await PublishedStudyAsync();
        var (otherAccession, _, _) = await PublishedStudyAsync();
        var created = await _system.PostAsJsonAsync($"/api/v1/studies/{accession}/shares", new { verification = "none", scope = "patient" });
        var token = (await created.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        var viewer = fixture.Api.CreateClient();

        (await viewer.GetAsync($"/api/v1/share/{token}/studies/{accession}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.GetAsync($"/api/v1/share/{token}/studies/{otherAccession}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Share_settings_are_validated_by_field()
    {
        var (accession, _, _) = await PublishedStudyAsync();

        var response = await _system.PostAsJsonAsync($"/api/v1/studies/{accession}/shares", new { days = 90, verification = "id-card-digits", accessCode = "1" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key)
            .Should().BeEquivalentTo("days", "idCardLastDigits", "accessCode");
    }

    [Fact]
    public async Task Id_card_digits_verify_a_viewer()
    {
        var (accession, _, _) = await PublishedStudyAsync();
        var created = await _system.PostAsJsonAsync($"/api/v1/studies/{accession}/shares", new { verification = "id-card-digits", idCardLastDigits = "12345X" });
        var token = (await created.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        var viewer = fixture.Api.CreateClient();

        (await viewer.PostAsJsonAsync($"/api/v1/share/{token}/verify", new { code = "123456" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await viewer.PostAsJsonAsync($"/api/v1/share/{token}/verify", new { code = "12345x" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.GetAsync($"/api/v1/share/{token}/studies")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_verified_patient_shares_on_with_a_doctor_by_link_and_access_code()
    {
        var (accession, phone, token) = await PublishedStudyAsync();
        var patient = fixture.Api.CreateClient();
        (await patient.PostAsJsonAsync($"/api/v1/share/{token}/shares", new { days = 3, accessCode = "5678" })).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "only a verified viewer may share on");
        var code = await SendCodeAsync(patient, token, phone);
        (await patient.PostAsJsonAsync($"/api/v1/share/{token}/verify", new { code })).EnsureSuccessStatusCode();

        var missingCode = await patient.PostAsJsonAsync($"/api/v1/share/{token}/shares", new { days = 3 });
        var created = await patient.PostAsJsonAsync($"/api/v1/share/{token}/shares", new { days = 3, accessCode = "5678", deidentified = true });

        missingCode.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var url = (await created.Content.ReadFromJsonAsync<JsonObject>())!["url"]!.GetValue<string>();
        var onward = LinkPattern().Match(url).Groups[1].Value;
        var doctor = fixture.Api.CreateClient();
        (await doctor.PostAsJsonAsync($"/api/v1/share/{onward}/verify", new { accessCode = "5678" })).EnsureSuccessStatusCode();
        var study = await doctor.GetStringAsync($"/api/v1/share/{onward}/studies/{accession}");
        study.Should().Contain("胸部CT平扫未见明显异常。").And.NotContain("张三");
    }

    [Fact]
    public async Task An_unknown_link_is_404()
    {
        var response = await fixture.Api.CreateClient().GetAsync("/api/v1/share/AAAAAAAAAAAAAAAAAAAAAA");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["state"]!.GetValue<string>().Should().Be("unknown");
    }

    [Fact]
    public async Task The_qr_code_and_printable_report_carry_the_patients_link()
    {
        var accession = StudyRequests.UniqueAccession();
        (await _system.PostAsync("/api/v1/studies", StudyRequests.Json(StudyRequests.Registration(accession, "P" + accession)))).EnsureSuccessStatusCode();
        (await _system.GetAsync($"/api/v1/studies/{accession}/qr.png")).StatusCode.Should().Be(HttpStatusCode.Conflict, "no final report yet");
        var report = ReportRequests.Report("final", "P" + accession, phone: ReportRequests.UniquePhone());
        (await _system.PostAsync($"/api/v1/studies/{accession}/reports", StudyRequests.Json(report))).EnsureSuccessStatusCode();

        var png = await _system.GetByteArrayAsync($"/api/v1/studies/{accession}/qr.png");
        var svg = await _system.GetStringAsync($"/api/v1/studies/{accession}/qr.svg");

        png.Take(8).Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        svg.Should().Contain("<svg");
        var token = LinkPattern().Match((await fixture.LatestSmsAsync(report["patient"]!["phone"]!.GetValue<string>()))!).Groups[1].Value;
        (await fixture.Api.CreateClient().GetAsync($"/r/{token}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var page = await _system.GetStringAsync($"/r/{token}");
        page.Should().Contain("双肺纹理清晰，未见明确结节。").And.Contain("<svg").And.Contain("@page { size: A4");
    }

    [Fact]
    public async Task The_patient_page_is_served_uncached_for_any_token()
    {
        var response = await fixture.Api.CreateClient().GetAsync("/s/AAAAAAAAAAAAAAAAAAAAAA");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        (await response.Content.ReadAsStringAsync()).Should().Contain("云胶片");
    }

    private static string TokenId(string token) => CloudFilm.Grains.Abstractions.Sharing.ShareTokens.TokenId(token);
}
