using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudFilm.Api.Tests.Studies;

[Collection(ApiCollection.Name)]
public class StudiesApiTests(ApiFixture fixture)
{
    private readonly HttpClient _client = fixture.SystemClient();

    [Fact]
    public async Task A_registered_study_reads_back_with_chinese_text_unchanged()
    {
        var accession = StudyRequests.UniqueAccession();
        var name = "欧阳娜娜^Ouyang=欧阳^娜娜";

        var created = await _client.PostAsync("/api/v1/studies", StudyRequests.Json(StudyRequests.Registration(accession, name: name)));

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be($"/api/v1/studies/{accession}");
        var study = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/studies/{accession}");
        study!["studyKey"]!.GetValue<string>().Should().Be(accession);
        study["patient"]!["name"]!.GetValue<string>().Should().Be(name);
        study["patient"]!["patientKey"]!.GetValue<string>().Should().Be("P0001@HOSP");
        study["patient"]!["birthDate"]!.GetValue<string>().Should().Be("1980-02-03");
        study["order"]!["examItem"]!.GetValue<string>().Should().Be("胸部CT平扫");
        study["order"]!["priority"]!.GetValue<string>().Should().Be("urgent");
        study["order"]!["patientType"]!.GetValue<string>().Should().Be("physical-exam");
        study["order"]!["vip"]!.GetValue<bool>().Should().BeTrue();
        study["status"]!.GetValue<string>().Should().Be("registered");
    }

    [Fact]
    public async Task The_patient_lists_their_studies_newest_first()
    {
        var patientId = "P" + StudyRequests.UniqueAccession();
        var first = StudyRequests.UniqueAccession();
        var second = StudyRequests.UniqueAccession();
        (await _client.PostAsync("/api/v1/studies", StudyRequests.Json(StudyRequests.Registration(first, patientId)))).EnsureSuccessStatusCode();
        (await _client.PostAsync("/api/v1/studies", StudyRequests.Json(StudyRequests.Registration(second, patientId)))).EnsureSuccessStatusCode();

        var list = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/patients/{patientId}@HOSP/studies");

        list!["total"]!.GetValue<long>().Should().Be(2);
        list["studies"]!.AsArray().Select(s => s!["studyKey"]!.GetValue<string>()).Should().Equal(second, first);
        list["studies"]![0]!["campus"]!.GetValue<string>().Should().Be("东院");
    }

    [Fact]
    public async Task Registering_the_same_accession_twice_is_idempotent()
    {
        var accession = StudyRequests.UniqueAccession();
        var body = StudyRequests.Registration(accession);

        var first = await _client.PostAsync("/api/v1/studies", StudyRequests.Json(body));
        var second = await _client.PostAsync("/api/v1/studies", StudyRequests.Json(body));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.Content.ReadFromJsonAsync<JsonObject>())!["revision"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Concurrent_duplicate_registrations_through_two_api_copies_produce_one_study()
    {
        var accession = StudyRequests.UniqueAccession();
        var patientId = "P" + accession;
        var second = fixture.SecondApi.CreateClient();
        second.DefaultRequestHeaders.Add("X-Api-Key", ApiFixture.SystemKey);
        var clients = new[] { _client, second };

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            clients[i % 2].PostAsync("/api/v1/studies", StudyRequests.Json(StudyRequests.Registration(accession, patientId)))));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(11);
        var list = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/patients/{patientId}@HOSP/studies");
        list!["total"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task An_accession_of_another_patient_is_a_conflict()
    {
        var accession = StudyRequests.UniqueAccession();
        (await _client.PostAsync("/api/v1/studies", StudyRequests.Json(StudyRequests.Registration(accession, "P-A")))).EnsureSuccessStatusCode();

        var response = await _client.PostAsync("/api/v1/studies", StudyRequests.Json(StudyRequests.Registration(accession, "P-B")));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await ProblemAsync(response);
        problem["field"]!.GetValue<string>().Should().Be("order.accessionNumber");
        problem["code"]!.GetValue<string>().Should().Be("accession-of-another-patient");
    }

    [Theory]
    [InlineData("en-US,en;q=0.9", "No such study.")]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8", "没有这个检查。")]
    [InlineData("fr-FR, en;q=0.5, zh;q=0.4", "No such study.")]
    [InlineData("fr-FR", "没有这个检查。")]
    public async Task A_problem_speaks_the_language_the_request_prefers(string acceptLanguage, string title)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/studies/{StudyRequests.UniqueAccession()}");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var response = await _client.SendAsync(request);

        var problem = await ProblemAsync(response);
        problem["title"]!.GetValue<string>().Should().Be(title);
        problem["detail"]!.GetValue<string>().Should().Contain(request.RequestUri!.OriginalString.Split('/')[^1]);
        problem["code"]!.GetValue<string>().Should().Be("study-not-found");
    }

    [Fact]
    public async Task A_problem_type_describes_itself()
    {
        var page = await _client.GetStringAsync("/problems/study-not-found");
        var catalogue = await _client.GetFromJsonAsync<JsonArray>("/problems");

        page.Should().Contain("没有这个检查。").And.Contain("No such study.");
        catalogue!.Select(p => p!["code"]!.GetValue<string>()).Should().Contain(["study-not-found", "different-patient", "invalid-request"]);
    }

    [Fact]
    public async Task An_address_nobody_answers_is_a_catalogued_404_problem()
    {
        var response = await _client.GetAsync("/api/v1/no-such-resource");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ProblemAsync(response))["code"]!.GetValue<string>().Should().Be("not-found");
    }

    [Fact]
    public async Task An_unknown_study_is_a_404_problem()
    {
        var response = await _client.GetAsync($"/api/v1/studies/{StudyRequests.UniqueAccession()}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var problem = await ProblemAsync(response);
        problem["status"]!.GetValue<int>().Should().Be(404);
        problem["type"]!.GetValue<string>().Should().Be("/problems/study-not-found");
        problem["code"]!.GetValue<string>().Should().Be("study-not-found");
        problem["title"]!.GetValue<string>().Should().Be("没有这个检查。", "Chinese unless the request prefers English");
        problem["traceId"].Should().NotBeNull();
    }

    [Fact]
    public async Task An_unknown_patient_is_a_404_problem()
    {
        var response = await _client.GetAsync("/api/v1/patients/nobody@HOSP/studies");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await ProblemAsync(response);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var response = await _client.PostAsync("/api/v1/studies", new StringContent("{\"patient\": {\"id\": ", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ProblemAsync(response))["errors"]!.AsObject().Should().ContainSingle();
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        var response = await _client.PostAsync("/api/v1/studies", new StringContent("patient=张三", System.Text.Encoding.UTF8, "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(response);
    }

    [Theory]
    [InlineData("patient", "birthDate", "19800203", "patient.birthDate")]
    [InlineData("patient", "birthDate", "2999-01-01", "patient.birthDate")]
    [InlineData("patient", "sex", "X", "patient.sex")]
    [InlineData("patient", "phone", "call me", "patient.phone")]
    [InlineData("order", "priority", "asap", "order.priority")]
    [InlineData("order", "patientType", "walk-in", "order.patientType")]
    [InlineData("order", "modality", "ct", "order.modality")]
    [InlineData("order", "accessionNumber", "A/1", "order.accessionNumber")]
    [InlineData("order", "accessionNumber", "12345678901234567", "order.accessionNumber")]
    public async Task A_bad_field_is_a_400_problem_naming_it(string part, string member, string value, string field)
    {
        var body = StudyRequests.Registration(StudyRequests.UniqueAccession());
        body[part]![member] = value;

        var response = await _client.PostAsync("/api/v1/studies", StudyRequests.Json(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ProblemAsync(response))["errors"]!.AsObject().Select(e => e.Key).Should().Equal(field);
    }

    [Fact]
    public async Task An_incomplete_registration_names_every_missing_field()
    {
        var body = StudyRequests.Registration(StudyRequests.UniqueAccession());
        body["patient"]!.AsObject().Remove("name");
        body["order"]!.AsObject().Remove("accessionNumber");
        body["order"]!.AsObject().Remove("priority");

        var response = await _client.PostAsync("/api/v1/studies", StudyRequests.Json(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ProblemAsync(response))["errors"]!.AsObject().Select(e => e.Key)
            .Should().BeEquivalentTo("patient.name", "order.accessionNumber", "order.priority");
    }

    [Fact]
    public async Task A_missing_order_is_named()
    {
        var body = StudyRequests.Registration(StudyRequests.UniqueAccession());
        body.Remove("order");

        var response = await _client.PostAsync("/api/v1/studies", StudyRequests.Json(body));

        (await ProblemAsync(response))["errors"]!.AsObject().Select(e => e.Key).Should().Equal("order");
    }

    [Fact]
    public async Task Without_a_system_key_patient_data_stays_closed()
    {
        var anonymous = fixture.Api.CreateClient();

        (await anonymous.GetAsync("/api/v1/patients/P0001@HOSP/studies")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/v1/studies/A1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.DefaultRequestHeaders.Add("X-Api-Key", "wrong-key");
        var wrong = await anonymous.PostAsync("/api/v1/studies", StudyRequests.Json(StudyRequests.Registration(StudyRequests.UniqueAccession())));
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await ProblemAsync(wrong);
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonSerializer.Deserialize<JsonObject>(await response.Content.ReadAsStringAsync())!;
        problem["status"]!.GetValue<int>().Should().Be((int)response.StatusCode);
        problem["title"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        return problem;
    }
}
