using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CloudFilm.Archive.Query;
using CloudFilm.Dicom.Dictionary;
using Microsoft.AspNetCore.Mvc.Testing;
using CloudFilm.Testing;
using Npgsql;

namespace CloudFilm.Api.Tests.DicomWeb;

[Collection(ApiCollection.Name)]
public class QidoRsTests(ApiFixture fixture)
{
    private readonly HttpClient _system = fixture.SystemClient();

    private static string NewPatient() => "Q-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<JsonArray> SearchAsync(string url)
    {
        var response = await _system.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/dicom+json");
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }

    private static string? Value(JsonNode result, string tag) => result[tag]?["Value"]?[0]?.ToString();

    private static IEnumerable<string?> Studies(JsonArray results) => results.Select(r => Value(r!, "0020000D"));

    [Fact]
    public async Task Studies_answer_the_required_attributes_the_computed_counts_and_a_retrieve_url()
    {
        var patient = NewPatient();
        var series = new TestSeries { PatientId = patient };
        await fixture.ArchiveAsync(series, 3);
        await fixture.ArchiveAsync(new TestSeries { PatientId = patient, StudyInstanceUid = series.StudyInstanceUid, AccessionNumber = series.AccessionNumber }, 2,
            ds => ds.Set(DicomTags.Modality, "SR"));

        var results = await SearchAsync($"/dicomweb/studies?PatientID={patient}");

        var study = results.Should().ContainSingle().Subject!;
        Value(study, "0020000D").Should().Be(series.StudyInstanceUid);
        Value(study, "00201206").Should().Be("2");
        Value(study, "00201208").Should().Be("5");
        study["00080061"]!["Value"]!.AsArray().Select(v => v!.ToString()).Should().BeEquivalentTo("CT", "SR");
        Value(study, "00080056").Should().Be("ONLINE");
        Value(study, "00081190").Should().EndWith($"/dicomweb/studies/{series.StudyInstanceUid}");
        Value(study, "00080050").Should().Be(series.AccessionNumber);
        Value(study, "00080020").Should().Be("20261123");
        study["00100010"]!["Value"]![0]!["Alphabetic"]!.ToString().Should().Be("Zhang^San");
        study.AsObject().Should().ContainKeys("00080030", "00080090", "00100030", "00100040", "00200010");
    }

    [Fact]
    public async Task Series_and_instances_answer_at_each_route_with_the_levels_above_when_searched_across_studies()
    {
        var patient = NewPatient();
        var series = new TestSeries { PatientId = patient };
        await fixture.ArchiveAsync(series, 3);

        var inStudy = await SearchAsync($"/dicomweb/studies/{series.StudyInstanceUid}/series");
        var one = inStudy.Should().ContainSingle().Subject!;
        Value(one, "0020000E").Should().Be(series.SeriesInstanceUid);
        Value(one, "00201209").Should().Be("3");
        Value(one, "00080060").Should().Be("CT");
        Value(one, "00081190").Should().EndWith($"/studies/{series.StudyInstanceUid}/series/{series.SeriesInstanceUid}");
        one.AsObject().Should().NotContainKey("00080050", "a series inside a study carries only series attributes by default");

        var across = await SearchAsync($"/dicomweb/series?PatientID={patient}&Modality=CT");
        Value(across.Should().ContainSingle().Subject!, "00080050").Should().Be(series.AccessionNumber);

        var instances = await SearchAsync($"/dicomweb/studies/{series.StudyInstanceUid}/series/{series.SeriesInstanceUid}/instances");
        instances.Select(i => Value(i!, "00200013")).Should().Equal("1", "2", "3");
        Value(instances[0]!, "00280010").Should().Be("64");
        Value(instances[0]!, "00080016").Should().Be(CloudFilm.Dicom.Uids.DicomUids.CTImageStorage);
        Value(instances[0]!, "00081190").Should().Contain($"/series/{series.SeriesInstanceUid}/instances/");

        (await SearchAsync($"/dicomweb/studies/{series.StudyInstanceUid}/instances?InstanceNumber=2")).Should().ContainSingle();
        var all = await SearchAsync($"/dicomweb/instances?PatientID={patient}&SeriesNumber=2");
        all.Should().HaveCount(3);
        Value(all[0]!, "00100020").Should().Be(patient);
    }

    [Fact]
    public async Task Matching_follows_the_rules_for_single_values_wildcards_ranges_and_uid_lists()
    {
        var patient = NewPatient();
        var a = new TestSeries { PatientId = patient, StudyDate = "20260105", PatientName = "Li^Ming" };
        var b = new TestSeries { PatientId = patient, StudyDate = "20260610", PatientName = "Liu^Yang" };
        var c = new TestSeries { PatientId = patient, StudyDate = "20261231", PatientName = "Wang^Fang" };
        foreach (var s in new[] { a, b, c })
        {
            await fixture.ArchiveAsync(s);
        }
        var p = $"/dicomweb/studies?PatientID={patient}";

        Studies(await SearchAsync($"{p}&PatientName=li^ming")).Should().Equal(a.StudyInstanceUid);
        Studies(await SearchAsync($"{p}&00100010=LI*")).Should().BeEquivalentTo([a.StudyInstanceUid, b.StudyInstanceUid]);
        Studies(await SearchAsync($"{p}&PatientName=L?U*")).Should().Equal(b.StudyInstanceUid);
        Studies(await SearchAsync($"{p}&StudyDate=20260101-20260630")).Should().BeEquivalentTo([a.StudyInstanceUid, b.StudyInstanceUid]);
        Studies(await SearchAsync($"{p}&StudyDate=20260601-")).Should().BeEquivalentTo([b.StudyInstanceUid, c.StudyInstanceUid]);
        Studies(await SearchAsync($"{p}&StudyDate=-20260105")).Should().Equal(a.StudyInstanceUid);
        Studies(await SearchAsync($"{p}&StudyDate=20261231")).Should().Equal(c.StudyInstanceUid);
        Studies(await SearchAsync($"{p}&StudyInstanceUID={a.StudyInstanceUid},{c.StudyInstanceUid}")).Should().BeEquivalentTo([a.StudyInstanceUid, c.StudyInstanceUid]);
        Studies(await SearchAsync($"{p}&0020000D={b.StudyInstanceUid}%5C{c.StudyInstanceUid}")).Should().BeEquivalentTo([b.StudyInstanceUid, c.StudyInstanceUid]);
        Studies(await SearchAsync($"{p}&StudyTime=1000-1100&AccessionNumber={a.AccessionNumber}")).Should().Equal(a.StudyInstanceUid);
        Studies(await SearchAsync($"{p}&ModalitiesInStudy=CT")).Should().HaveCount(3, "the newest study first");
        (await _system.GetAsync($"{p}&StudyTime=1200-1300")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _system.GetAsync($"{p}&PatientName=Zhao")).StatusCode.Should().Be(HttpStatusCode.NoContent, "no match is 204, as the current PS3.18 says");
    }

    [Fact]
    public async Task Fuzzy_matching_finds_prefixes_of_any_component_in_any_group()
    {
        var patient = NewPatient();
        var latin = new TestSeries { PatientId = patient, PatientName = "Zhang^Sanfeng=张^三丰=ジャン^サンフォン" };
        var chinese = new TestSeries { PatientId = patient, PatientName = "=李四" };
        await fixture.ArchiveAsync(latin);
        await fixture.ArchiveAsync(chinese);
        var p = $"/dicomweb/studies?PatientID={patient}&fuzzymatching=true";

        Studies(await SearchAsync($"{p}&PatientName=zha")).Should().Equal(latin.StudyInstanceUid);
        Studies(await SearchAsync($"{p}&PatientName=sanf")).Should().Equal(latin.StudyInstanceUid);
        Studies(await SearchAsync($"{p}&PatientName=zh^sa")).Should().Equal(latin.StudyInstanceUid);
        Studies(await SearchAsync($"{p}&PatientName=张")).Should().Equal(latin.StudyInstanceUid);
        Studies(await SearchAsync($"{p}&PatientName=三")).Should().Equal(latin.StudyInstanceUid);
        Studies(await SearchAsync($"{p}&PatientName=サン")).Should().Equal(latin.StudyInstanceUid);
        Studies(await SearchAsync($"{p}&PatientName=李")).Should().Equal(chinese.StudyInstanceUid);
        (await _system.GetAsync($"{p}&PatientName=sa^zh")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _system.GetAsync($"/dicomweb/studies?PatientID={patient}&PatientName=zha")).StatusCode.Should().Be(HttpStatusCode.NoContent,
            "without fuzzy matching a name matches as a whole");
    }

    [Theory]
    [InlineData("GB18030")]
    [InlineData("GBK")]
    [InlineData("\\ISO 2022 IR 58")]
    [InlineData("ISO_IR 192")]
    public async Task Chinese_names_come_back_exactly_as_stored_in_every_character_set(string characterSet)
    {
        var patient = NewPatient();
        var series = new TestSeries { PatientId = patient, PatientName = "Zhang^Sanfeng=张^三丰", CharacterSet = characterSet };
        await fixture.ArchiveAsync(series);

        foreach (var query in new[] { "", "&PatientName=张*", "&PatientName=%E5%BC%A0^%E4%B8%89%E4%B8%B0", "&PatientName=ZHANG*" })
        {
            var study = (await SearchAsync($"/dicomweb/studies?PatientID={patient}{query}")).Should().ContainSingle().Subject!;
            var name = study["00100010"]!["Value"]![0]!;
            name["Alphabetic"]!.ToString().Should().Be("Zhang^Sanfeng");
            name["Ideographic"]!.ToString().Should().Be("张^三丰");
            study["00081030"]!["Value"]![0]!.ToString().Should().Be("胸部 CT");
        }
    }

    [Fact]
    public async Task Paging_answers_limit_and_offset_and_warns_while_results_remain()
    {
        var patient = NewPatient();
        var uids = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            var s = new TestSeries { PatientId = patient, StudyDate = $"2026010{i}" };
            await fixture.ArchiveAsync(s);
            uids.Insert(0, s.StudyInstanceUid);
        }
        var p = $"/dicomweb/studies?PatientID={patient}";

        var first = await _system.GetAsync($"{p}&limit=2");
        first.Headers.GetValues("Warning").Should().ContainSingle().Which.Should()
            .MatchRegex("^299 [^ ]+: \"The number of results exceeded the maximum supported by the server. Additional results can be requested.\"$");
        Studies((await first.Content.ReadFromJsonAsync<JsonArray>())!).Should().Equal(uids[0], uids[1]);

        var middle = await _system.GetAsync($"{p}&limit=2&offset=2");
        middle.Headers.Contains("Warning").Should().BeTrue();
        Studies((await middle.Content.ReadFromJsonAsync<JsonArray>())!).Should().Equal(uids[2], uids[3]);

        var last = await _system.GetAsync($"{p}&limit=2&offset=4");
        last.Headers.Contains("Warning").Should().BeFalse("nothing remains after the last page");
        Studies((await last.Content.ReadFromJsonAsync<JsonArray>())!).Should().Equal(uids[4]);

        var exact = await _system.GetAsync($"{p}&limit=5");
        exact.Headers.Contains("Warning").Should().BeFalse();
        (await _system.GetAsync($"{p}&offset=5")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _system.GetAsync($"{p}&offset=500&limit=1")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        Studies(await SearchAsync($"{p}&limit=100000")).Should().Equal(uids, "a limit above the maximum is the maximum");
    }

    [Fact]
    public async Task Includefield_adds_keywords_tags_or_everything_and_matched_keys_are_returned()
    {
        var patient = NewPatient();
        var series = new TestSeries { PatientId = patient };
        await fixture.ArchiveAsync(series);

        var byDefault = (await SearchAsync($"/dicomweb/studies/{series.StudyInstanceUid}/series")).Single()!.AsObject();
        byDefault.Should().NotContainKey("00100020");

        var some = (await SearchAsync($"/dicomweb/studies/{series.StudyInstanceUid}/series?includefield=PatientID,00080050&includefield=StudyDate"))
            .Single()!.AsObject();
        Value(some, "00100020").Should().Be(patient);
        Value(some, "00080050").Should().Be(series.AccessionNumber);
        Value(some, "00080020").Should().Be("20261123");

        var all = (await SearchAsync($"/dicomweb/studies/{series.StudyInstanceUid}/series/{series.SeriesInstanceUid}/instances?includefield=all"))
            .First()!.AsObject();
        all.Should().ContainKeys("00100010", "00080050", "0008103E", "00201209", "00201208", "00280010");

        var matched = (await SearchAsync($"/dicomweb/studies/{series.StudyInstanceUid}/series?BodyPartExamined=CHEST")).Single()!.AsObject();
        Value(matched, "00180015").Should().Be("CHEST");
    }

    [Theory]
    [InlineData("NotAKeyword=1", "NotAKeyword")]
    [InlineData("StudyDate=2026-01", "StudyDate")]
    [InlineData("StudyDate=20261340", "StudyDate")]
    [InlineData("StudyInstanceUID=1.2.abc", "StudyInstanceUID")]
    [InlineData("StudyTime=2599", "StudyTime")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("fuzzymatching=yes", "fuzzymatching")]
    [InlineData("includefield=Nonsense", "includefield")]
    [InlineData("PatientID=a&PatientID=b", "PatientID")]
    public async Task A_bad_parameter_is_a_400_naming_it(string query, string field)
    {
        var response = await _system.GetAsync($"/dicomweb/studies?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["code"]!.ToString().Should().Be("invalid-request");
        problem["errors"]!.AsObject().Should().ContainKey(field);
    }

    [Fact]
    public async Task Media_types_json_is_the_default_xml_when_asked_and_406_otherwise()
    {
        var patient = NewPatient();
        var series = new TestSeries { PatientId = patient };
        await fixture.ArchiveAsync(series);
        var url = $"/dicomweb/studies?PatientID={patient}";

        async Task<HttpResponseMessage> Get(string accept)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            return await _system.SendAsync(request);
        }

        (await Get("application/json")).Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await Get("*/*")).Content.Headers.ContentType!.MediaType.Should().Be("application/dicom+json");
        (await Get("image/png, application/dicom+json;q=0.5")).StatusCode.Should().Be(HttpStatusCode.OK);
        var refused = await Get("image/png");
        refused.StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
        (await refused.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.ToString().Should().Be("not-acceptable");

        var xml = await Get("multipart/related; type=\"application/dicom+xml\"");
        xml.StatusCode.Should().Be(HttpStatusCode.OK);
        xml.Content.Headers.ContentType!.MediaType.Should().Be("multipart/related");
        xml.Content.Headers.ContentType!.Parameters.Should().Contain(p => p.Name == "type" && p.Value == "\"application/dicom+xml\"");
        var boundary = xml.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!;
        var reader = new Microsoft.AspNetCore.WebUtilities.MultipartReader(boundary, await xml.Content.ReadAsStreamAsync());
        var part = (await reader.ReadNextSectionAsync())!;
        part.ContentType.Should().StartWith("application/dicom+xml");
        var text = await new StreamReader(part.Body).ReadToEndAsync();
        var document = XDocument.Parse(text);
        (await reader.ReadNextSectionAsync()).Should().BeNull("one study matched");
        XNamespace ns = NativeDicomModelNamespace;
        document.Root!.Name.Should().Be(ns + "NativeDicomModel");
        var name = document.Root.Elements(ns + "DicomAttribute").Single(e => (string?)e.Attribute("keyword") == "PatientName");
        name.Attribute("tag")!.Value.Should().Be("00100010");
        name.Element(ns + "PersonName")!.Element(ns + "Ideographic")!.Element(ns + "FamilyName")!.Value.Should().Be("张");
        document.Root.Elements(ns + "DicomAttribute").Single(e => (string?)e.Attribute("tag") == "0020000D")
            .Element(ns + "Value")!.Value.Should().Be(series.StudyInstanceUid);
    }

    private const string NativeDicomModelNamespace = "http://dicom.nema.org/PS3.19/models/NativeDICOM";

    [Fact]
    public async Task Staff_and_systems_may_search_and_nobody_else()
    {
        var patient = NewPatient();
        await fixture.ArchiveAsync(new TestSeries { PatientId = patient });

        var staff = fixture.Api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        (await staff.PostAsJsonAsync("/api/v1/staff/session", new { name = "nurse", password = "nurse-pass-1" })).EnsureSuccessStatusCode();
        (await staff.GetAsync($"/dicomweb/studies?PatientID={patient}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var anonymous = fixture.Api.CreateClient();
        var refused = await anonymous.GetAsync($"/dicomweb/studies?PatientID={patient}");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var wrongKey = fixture.Api.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key");
        (await wrongKey.GetAsync("/dicomweb/series")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_caller_restricted_to_some_studies_never_sees_the_others_and_pages_only_through_its_own()
    {
        var patient = NewPatient();
        var seen = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            var s = new TestSeries { PatientId = patient, StudyDate = $"2026020{i}" };
            await fixture.ArchiveAsync(s);
            if (i % 2 == 0)
            {
                seen.Insert(0, s.StudyInstanceUid);
            }
        }
        var queries = new IndexQueries(NpgsqlDataSource.Create(fixture.ConnectionString));
        var keys = new QueryKeys { ["PatientID"] = patient };

        var page = await queries.FindStudiesAsync(keys, new QueryWindow(1, 1) { Studies = seen.ToHashSet(), MatchEveryLevel = true }, default);
        page.Select(m => m["StudyInstanceUID"]).Should().Equal(seen[1]);
        var series = await queries.FindSeriesAsync(keys, new QueryWindow(10) { Studies = seen.ToHashSet(), MatchEveryLevel = true }, default);
        series.Select(m => m["StudyInstanceUID"]).Should().BeEquivalentTo(seen);
        var instances = await queries.FindInstancesAsync(keys, new QueryWindow(10) { Studies = [], MatchEveryLevel = true }, default);
        instances.Should().BeEmpty();
    }
}
