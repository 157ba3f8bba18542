using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CloudFilm.Api.Tests.Studies;

namespace CloudFilm.Api.Tests.Reports;

[Collection(ApiCollection.Name)]
public class ReportIntakeTests(ApiFixture fixture)
{
    private readonly HttpClient _system = fixture.SystemClient();

    private async Task<string> RegisteredStudyAsync(string patientId = "P0001")
    {
        var accession = StudyRequests.UniqueAccession();
        (await _system.PostAsync("/api/v1/studies", StudyRequests.Json(StudyRequests.Registration(accession, patientId)))).EnsureSuccessStatusCode();
        return accession;
    }

    [Fact]
    public async Task A_report_without_a_system_key_is_refused()
    {
        var accession = await RegisteredStudyAsync();

        var response = await fixture.Api.CreateClient().PostAsync($"/api/v1/studies/{accession}/reports", StudyRequests.Json(ReportRequests.Report()));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Every_version_is_kept_and_repeats_change_nothing()
    {
        var accession = await RegisteredStudyAsync();

        var preliminary = await _system.PostAsync($"/api/v1/studies/{accession}/reports", StudyRequests.Json(ReportRequests.Report("preliminary")));
        var final = await _system.PostAsync($"/api/v1/studies/{accession}/reports", StudyRequests.Json(ReportRequests.Report("final")));
        var repeat = await _system.PostAsync($"/api/v1/studies/{accession}/reports", StudyRequests.Json(ReportRequests.Report("final")));
        var amended = await _system.PostAsync($"/api/v1/studies/{accession}/reports", StudyRequests.Json(ReportRequests.Report("amended", findings: "更正：右肺下叶小结节，直径约4mm。")));

        preliminary.StatusCode.Should().Be(HttpStatusCode.Created);
        (await preliminary.Content.ReadFromJsonAsync<JsonObject>())!["published"]!.GetValue<bool>().Should().BeFalse();
        final.StatusCode.Should().Be(HttpStatusCode.Created);
        (await final.Content.ReadFromJsonAsync<JsonObject>())!["published"]!.GetValue<bool>().Should().BeTrue();
        repeat.StatusCode.Should().Be(HttpStatusCode.OK);
        (await repeat.Content.ReadFromJsonAsync<JsonObject>())!["outcome"]!.GetValue<string>().Should().Be("duplicate");
        amended.StatusCode.Should().Be(HttpStatusCode.Created);
        var history = await _system.GetFromJsonAsync<JsonArray>($"/api/v1/studies/{accession}/reports");
        history!.Select(v => v!["status"]!.GetValue<string>()).Should().Equal("preliminary", "final", "amended");
        history!.Select(v => v!["version"]!.GetValue<int>()).Should().Equal(1, 2, 3);
        history![2]!["findings"]!.GetValue<string>().Should().Be("更正：右肺下叶小结节，直径约4mm。");
        history![2]!["sourceSystem"]!.GetValue<string>().Should().Be("ris");
    }

    [Fact]
    public async Task A_preliminary_report_after_a_final_one_is_a_conflict_naming_the_status()
    {
        var accession = await RegisteredStudyAsync();
        (await _system.PostAsync($"/api/v1/studies/{accession}/reports", StudyRequests.Json(ReportRequests.Report("final")))).EnsureSuccessStatusCode();

        var response = await _system.PostAsync($"/api/v1/studies/{accession}/reports", StudyRequests.Json(ReportRequests.Report("preliminary", findings: "改")));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["field"]!.GetValue<string>().Should().Be("status");
    }

    [Fact]
    public async Task A_report_for_an_unknown_study_is_kept_as_unmatched()
    {
        var accession = StudyRequests.UniqueAccession();

        var response = await _system.PostAsync($"/api/v1/studies/{accession}/reports", StudyRequests.Json(ReportRequests.Report("final", patientId: "P-" + accession)));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var study = await _system.GetFromJsonAsync<JsonObject>($"/api/v1/studies/{accession}");
        study!["unmatched"]!.GetValue<bool>().Should().BeTrue();
        study["reportStatus"]!.GetValue<string>().Should().Be("final");
        study["patient"]!["name"]!.GetValue<string>().Should().Be("张三");
    }

    [Fact]
    public async Task A_report_naming_another_patient_is_a_conflict()
    {
        var accession = await RegisteredStudyAsync("P-A");

        var response = await _system.PostAsync($"/api/v1/studies/{accession}/reports", StudyRequests.Json(ReportRequests.Report(patientId: "P-B")));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["field"]!.GetValue<string>().Should().Be("patient.id");
    }

    [Fact]
    public async Task An_incomplete_report_names_every_missing_field()
    {
        var accession = await RegisteredStudyAsync();
        var body = ReportRequests.Report();
        body.Remove("findings");
        body.Remove("reportedAt");
        body["status"] = "signed";

        var response = await _system.PostAsync($"/api/v1/studies/{accession}/reports", StudyRequests.Json(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Should().Equal("status");
        body["status"] = "final";
        var second = await _system.PostAsync($"/api/v1/studies/{accession}/reports", StudyRequests.Json(body));
        (await second.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("findings", "reportedAt");
    }

    [Fact]
    public async Task A_pdf_sent_with_the_report_comes_back_unchanged()
    {
        var accession = await RegisteredStudyAsync();
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% CloudFilm test\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
        var body = ReportRequests.Report();
        body["pdf"] = Convert.ToBase64String(pdf);

        (await _system.PostAsync($"/api/v1/studies/{accession}/reports", StudyRequests.Json(body))).EnsureSuccessStatusCode();
        var response = await _system.GetAsync($"/api/v1/studies/{accession}/reports/1/pdf");

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(pdf);
    }

    [Fact]
    public async Task A_pdf_that_is_not_a_pdf_is_named()
    {
        var accession = await RegisteredStudyAsync();
        var body = ReportRequests.Report();
        body["pdf"] = Convert.ToBase64String(Encoding.ASCII.GetBytes("<html>not a pdf</html>"));

        var response = await _system.PostAsync($"/api/v1/studies/{accession}/reports", StudyRequests.Json(body));

        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Should().Equal("pdf");
    }

    [Fact]
    public async Task The_soap_11_service_accepts_a_report_with_the_key_in_a_soap_header()
    {
        var accession = await RegisteredStudyAsync();
        var envelope = $"""
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cf="urn:cloudfilm:reports:v1">
              <soap:Header><cf:ApiKey>{ApiFixture.SystemKey}</cf:ApiKey></soap:Header>
              <soap:Body><cf:SubmitReport>
                <cf:StudyKey>{accession}</cf:StudyKey>
                <cf:Patient><cf:Id>P0001</cf:Id><cf:Issuer>HOSP</cf:Issuer><cf:Name>张三</cf:Name><cf:BirthDate>1980-02-03</cf:BirthDate></cf:Patient>
                <cf:ExamItem>全身骨显像</cf:ExamItem><cf:Findings>全身骨骼显影清晰。</cf:Findings><cf:Impression>未见明显骨转移征象。</cf:Impression>
                <cf:ReportingDoctor>核医学科 赵医生</cf:ReportingDoctor><cf:ReportedAt>2026-11-23T11:00:00+08:00</cf:ReportedAt><cf:Status>final</cf:Status>
              </cf:SubmitReport></soap:Body>
            </soap:Envelope>
            """;

        var response = await fixture.Api.CreateClient().PostAsync(SoapPath, new StringContent(envelope, Encoding.UTF8, "text/xml"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace cf = "urn:cloudfilm:reports:v1";
        xml.Descendants(cf + "Outcome").Single().Value.Should().Be("Accepted");
        xml.Descendants(cf + "Published").Single().Value.Should().Be("true");
        var history = await _system.GetFromJsonAsync<JsonArray>($"/api/v1/studies/{accession}/reports");
        history![0]!["impression"]!.GetValue<string>().Should().Be("未见明显骨转移征象。");
    }

    [Fact]
    public async Task The_soap_12_service_answers_a_bad_report_with_a_sender_fault_naming_the_fields()
    {
        var accession = await RegisteredStudyAsync();
        var envelope = $"""
            <env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:cf="urn:cloudfilm:reports:v1">
              <env:Body><cf:SubmitReport><cf:StudyKey>{accession}</cf:StudyKey>
                <cf:Patient><cf:Id>P0001</cf:Id><cf:Issuer>HOSP</cf:Issuer><cf:Name>张三</cf:Name></cf:Patient>
                <cf:ExamItem>胸部CT</cf:ExamItem><cf:ReportingDoctor>李医生</cf:ReportingDoctor><cf:ReportedAt>2026-11-23T11:00:00+08:00</cf:ReportedAt>
                <cf:Status>final</cf:Status></cf:SubmitReport></env:Body>
            </env:Envelope>
            """;
        var content = new StringContent(envelope, Encoding.UTF8, "application/soap+xml");

        var response = await _system.PostAsync(SoapPath, content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace env = "http://www.w3.org/2003/05/soap-envelope";
        var code = xml.Descendants(env + "Code").Single();
        code.Element(env + "Value")!.Value.Should().Be("env:Sender");
        code.Element(env + "Subcode")!.Element(env + "Value")!.Value.Should().Be("cf:invalid-request", "the subcode is the problem code of the JSON API");
        xml.Descendants(env + "Text").Select(t => t.Attribute(XNamespace.Xml + "lang")!.Value).Should().Equal("zh", "en");
        xml.Descendants().Where(e => e.Name.LocalName == "Error").Select(e => e.Attribute("field")!.Value).Should().BeEquivalentTo("findings", "impression");
    }

    [Fact]
    public async Task The_soap_service_without_a_key_faults_and_describes_itself()
    {
        var envelope = """<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cf="urn:cloudfilm:reports:v1"><soap:Body><cf:SubmitReport/></soap:Body></soap:Envelope>""";

        var response = await fixture.Api.CreateClient().PostAsync(SoapPath, new StringContent(envelope, Encoding.UTF8, "text/xml"));
        var wsdl = await fixture.Api.CreateClient().GetStringAsync(SoapPath + "?wsdl");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError, "SOAP 1.1 over HTTP answers every fault with 500");
        (await response.Content.ReadAsStringAsync()).Should().Contain("faultcode").And.Contain("X-Api-Key");
        XDocument.Parse(wsdl).Root!.Name.LocalName.Should().Be("definitions");
    }

    private const string SoapPath = "/soap/ReportService";
}
