using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFilm.Api.Tests.Studies;
using CloudFilm.Dicom.Uids;
using CloudFilm.Grains.Abstractions.Archive;
using CloudFilm.Grains.Abstractions.Sharing;
using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Api.Tests.DicomWeb;

/// <summary>
/// Who may use DICOMweb and which studies they see, for each kind of caller, under both roots; and the HTTP
/// behaviour every DICOMweb answer shares (CORS, compression, Cache-Control). Through the real Api host, cluster and
/// share sessions, with a probe mounted where the resource families mount (<see cref="DicomWebProbeHost"/>).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DicomWebAccessTests(ApiFixture fixture, DicomWebProbeHost probe) : IClassFixture<DicomWebProbeHost>
{
    private HttpClient Client(string? key = null)
    {
        var client = probe.Api.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        return client;
    }

    private async Task<HttpClient> StaffAsync(string name, string password)
    {
        var client = Client();
        (await client.PostAsJsonAsync("/api/v1/staff/session", new { name, password })).StatusCode.Should().Be(HttpStatusCode.OK);
        return client;
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())?["code"]?.GetValue<string>();

    /// <summary>A registered order with one DICOM study recorded as its images, as the front node reports them.</summary>
    private async Task<(string Accession, string PatientId, string StudyUid)> OrderWithImagesAsync(string? patientId = null, string? accession = null)
    {
        accession ??= StudyRequests.UniqueAccession();
        patientId ??= "P" + accession;
        (await fixture.SystemClient().PostAsync("/api/v1/studies", StudyRequests.Json(StudyRequests.Registration(accession, patientId)))).EnsureSuccessStatusCode();
        var study = DicomUidGenerator.NewUid();
        var now = DateTimeOffset.UtcNow;
        await fixture.Cluster.Client.GetGrain<IStudyGrain>(StudyKeys.GrainKey(accession))
            .RecordImagesAsync(new ImageArrival(study, patientId, "HOSP", 1, 1, now, now, 1));
        return (accession, patientId, study);
    }

    /// <summary>A share made by staff (verified by an access code), and a viewer that passed it.</summary>
    private async Task<(string Token, HttpClient Viewer)> ShareAsync(string accession, string scope = "study", bool deidentified = false)
    {
        var created = await fixture.SystemClient().PostAsJsonAsync($"/api/v1/studies/{accession}/shares",
            new { scope, verification = "none", accessCode = "4321", deidentified });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var token = (await created.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        var viewer = Client();
        (await viewer.PostAsJsonAsync($"/api/v1/share/{token}/verify", new { accessCode = "4321" })).StatusCode.Should().Be(HttpStatusCode.OK);
        return (token, viewer);
    }

    [Fact]
    public async Task Staff_with_a_role_see_every_study()
    {
        var staff = await StaffAsync("nurse", "nurse-pass-1");

        var answer = await staff.GetFromJsonAsync<JsonObject>("/dicomweb/probe/studies/1.2.3.4");

        answer!["kind"]!.GetValue<string>().Should().Be("Staff");
        answer["name"]!.GetValue<string>().Should().Be("nurse");
        answer["studies"].Should().BeNull("staff are not scoped yet");
    }

    [Fact]
    public async Task Staff_without_a_role_are_refused()
    {
        var visitor = await StaffAsync("visitor", "nurse-pass-1");

        var answer = await visitor.GetAsync("/dicomweb/probe/studies/1.2.3.4");

        answer.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await CodeAsync(answer)).Should().Be("role-required");
    }

    [Fact]
    public async Task A_system_key_with_the_dicomweb_permission_sees_every_study()
    {
        var answer = await Client(ApiFixture.SystemKey).GetFromJsonAsync<JsonObject>("/dicomweb/probe/studies/1.2.3.4");

        answer!["kind"]!.GetValue<string>().Should().Be("System");
        answer["name"]!.GetValue<string>().Should().Be("ris");
    }

    [Fact]
    public async Task A_system_key_without_the_dicomweb_permission_is_refused_there_only()
    {
        var (accession, _, _) = await OrderWithImagesAsync();
        var his = Client(DicomWebProbeHost.KeyWithoutDicomWeb);

        var answer = await his.GetAsync("/dicomweb/probe/studies/1.2.3.4");

        answer.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await CodeAsync(answer)).Should().Be("permission-required");
        (await his.GetAsync($"/api/v1/studies/{accession}")).StatusCode.Should().Be(HttpStatusCode.OK, "the integration endpoints are unchanged");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    public async Task Without_credentials_the_answer_is_401(string? key)
    {
        var answer = await Client(key).GetAsync("/dicomweb/probe/studies/1.2.3.4");

        answer.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        answer.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await CodeAsync(answer)).Should().Be("sign-in-required");
    }

    [Fact]
    public async Task A_share_reaches_its_own_study_and_another_study_is_not_found()
    {
        var (accession, _, study) = await OrderWithImagesAsync();
        var (_, _, otherStudy) = await OrderWithImagesAsync();
        var (token, viewer) = await ShareAsync(accession);

        var own = await viewer.GetFromJsonAsync<JsonObject>($"/api/v1/share/{token}/dicomweb/probe/studies/{study}");
        var other = await viewer.GetAsync($"/api/v1/share/{token}/dicomweb/probe/studies/{otherStudy}");

        own!["kind"]!.GetValue<string>().Should().Be("Share");
        own["name"]!.GetValue<string>().Should().Be(ShareTokens.TokenId(token), "the caller is named by the token id, never the token");
        own["studies"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal(study);
        own["deidentify"]!.GetValue<bool>().Should().BeFalse();
        other.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await CodeAsync(other)).Should().Be("dicom-study-not-found", "a study the link does not open looks like one that does not exist");
    }

    [Fact]
    public async Task A_patient_scoped_share_reaches_every_study_of_its_patient_de_identified_where_it_says_so()
    {
        var (accession, patientId, study) = await OrderWithImagesAsync();
        var (_, _, sameParent) = await OrderWithImagesAsync(patientId);
        var (_, _, stranger) = await OrderWithImagesAsync();
        var (token, viewer) = await ShareAsync(accession, scope: "patient", deidentified: true);

        var answer = await viewer.GetFromJsonAsync<JsonObject>($"/api/v1/share/{token}/dicomweb/probe/studies/{sameParent}");

        answer!["studies"]!.AsArray().Select(s => s!.GetValue<string>()).Should().BeEquivalentTo([study, sameParent]);
        answer["deidentify"]!.GetValue<bool>().Should().BeTrue();
        (await viewer.GetAsync($"/api/v1/share/{token}/dicomweb/probe/studies/{stranger}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_share_without_the_viewers_proof_is_answered_as_the_share_api_answers()
    {
        var (accession, _, study) = await OrderWithImagesAsync();
        var (token, _) = await ShareAsync(accession);
        var stranger = Client();

        var answer = await stranger.GetAsync($"/api/v1/share/{token}/dicomweb/probe/studies/{study}");
        var shareApi = await stranger.GetAsync($"/api/v1/share/{token}/studies");

        answer.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await CodeAsync(answer)).Should().Be("link-verification-required");
        shareApi.StatusCode.Should().Be(answer.StatusCode);
        (await stranger.GetAsync($"/api/v1/share/{ShareTokens.NewSecret()}/dicomweb/probe/studies/{study}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_share_may_not_store()
    {
        var (accession, _, _) = await OrderWithImagesAsync();
        var (token, viewer) = await ShareAsync(accession);

        var answer = await viewer.PostAsync($"/api/v1/share/{token}/dicomweb/probe/studies", new ByteArrayContent([]));

        answer.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await CodeAsync(answer)).Should().Be("share-link-read-only");
        (await Client(ApiFixture.SystemKey).PostAsync("/dicomweb/probe/studies", new ByteArrayContent([]))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_revoked_share_is_refused_on_the_next_request()
    {
        var (accession, _, study) = await OrderWithImagesAsync();
        var (token, viewer) = await ShareAsync(accession);
        (await viewer.GetAsync($"/api/v1/share/{token}/dicomweb/probe/studies/{study}")).StatusCode.Should().Be(HttpStatusCode.OK);

        await fixture.Cluster.Client.GetGrain<IShareSessionGrain>(ShareTokens.TokenId(token)).RevokeAsync("test");

        (await viewer.GetAsync($"/api/v1/share/{token}/dicomweb/probe/studies/{study}")).StatusCode.Should().Be(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task A_cors_preflight_from_a_configured_origin_is_answered_and_others_get_no_grant()
    {
        foreach (var path in new[] { "/dicomweb/probe/studies/1.2.3", $"/api/v1/share/{ShareTokens.NewSecret()}/dicomweb/probe/studies/1.2.3" })
        {
            var allowed = await PreflightAsync(path, DicomWebProbeHost.ViewerOrigin);
            allowed.StatusCode.Should().Be(HttpStatusCode.NoContent);
            allowed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(DicomWebProbeHost.ViewerOrigin);
            allowed.Headers.GetValues("Access-Control-Allow-Methods").Single().Should().Contain("GET");
            allowed.Headers.GetValues("Access-Control-Allow-Headers").Single().Should().ContainEquivalentOf("x-api-key");

            var refused = await PreflightAsync(path, "https://elsewhere.example");
            refused.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
        }

        var request = new HttpRequestMessage(HttpMethod.Get, "/dicomweb/probe/studies/1.2.3");
        request.Headers.Add("Origin", DicomWebProbeHost.ViewerOrigin);
        var answer = await Client(ApiFixture.SystemKey).SendAsync(request);
        answer.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(DicomWebProbeHost.ViewerOrigin);
        answer.Headers.GetValues("Access-Control-Expose-Headers").Single().Should().Contain("ETag").And.Contain("Content-Location").And.Contain("Warning");
    }

    private Task<HttpResponseMessage> PreflightAsync(string path, string origin)
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-api-key,accept");
        return Client().SendAsync(preflight);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Json_answers_are_compressed_and_dicom_and_pixel_answers_are_not(string encoding)
    {
        var client = Client(ApiFixture.SystemKey);

        var json = await GetAsync(client, "/dicomweb/probe/studies/1.2.3", encoding);
        var problem = await GetAsync(Client(), "/dicomweb/probe/studies/1.2.3", encoding);
        var frames = await GetAsync(client, "/dicomweb/probe/frames", encoding);
        var instances = await GetAsync(client, "/dicomweb/probe/instances", encoding);

        json.Content.Headers.ContentEncoding.Should().Equal(encoding);
        problem.Content.Headers.ContentEncoding.Should().Equal(encoding);
        frames.Content.Headers.ContentEncoding.Should().BeEmpty();
        instances.Content.Headers.ContentEncoding.Should().BeEmpty();
        (await frames.Content.ReadAsByteArrayAsync()).Should().HaveCount(64 * 1024);
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string encoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        return client.SendAsync(request);
    }

    [Fact]
    public async Task Answers_are_private_unless_the_route_says_otherwise()
    {
        var client = Client(ApiFixture.SystemKey);

        (await client.GetAsync("/dicomweb/probe/studies/1.2.3")).Headers.CacheControl!.Private.Should().BeTrue();
        (await Client().GetAsync("/dicomweb/probe/studies/1.2.3")).Headers.CacheControl!.Private.Should().BeTrue("refusals too");
        var own = (await client.GetAsync("/dicomweb/probe/cached")).Headers.CacheControl!;
        (own.Private, own.MaxAge).Should().Be((true, TimeSpan.FromHours(1)));
    }
}
