using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFilm.Api.Tests.Studies;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CloudFilm.Api.Tests;

[Collection(ApiCollection.Name)]
public class StaffSessionTests(ApiFixture fixture)
{
    private HttpClient Browser(bool second = false) =>
        (second ? fixture.SecondApi : fixture.Api).CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    [Fact]
    public async Task Sign_in_who_am_i_and_sign_out()
    {
        var browser = Browser();

        var signIn = await browser.PostAsJsonAsync("/api/v1/staff/session", new { name = "admin", password = "admin-pass-1" });
        var me = await browser.GetFromJsonAsync<JsonObject>("/api/v1/staff/session");
        await browser.DeleteAsync("/api/v1/staff/session");
        var after = await browser.GetAsync("/api/v1/staff/session");

        signIn.StatusCode.Should().Be(HttpStatusCode.OK);
        signIn.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("cf_staff=") && c.Contains("httponly"));
        me!["name"]!.GetValue<string>().Should().Be("admin");
        me["displayName"]!.GetValue<string>().Should().Be("管理员");
        me["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Contain("supervisor");
        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_which_part_was_wrong()
    {
        var wrongPassword = await Browser().PostAsJsonAsync("/api/v1/staff/session", new { name = "admin", password = "nope" });
        var unknownUser = await Browser().PostAsJsonAsync("/api/v1/staff/session", new { name = "ghost", password = "nope" });

        wrongPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknownUser.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await wrongPassword.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.GetValue<string>()
            .Should().Be((await unknownUser.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_credentials_are_named()
    {
        var response = await Browser().PostAsJsonAsync("/api/v1/staff/session", new { name = "" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("name", "password");
    }

    [Fact]
    public async Task A_session_from_one_api_copy_works_on_the_other()
    {
        var first = Browser();
        var signIn = await first.PostAsJsonAsync("/api/v1/staff/session", new { name = "admin", password = "admin-pass-1" });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cf_staff=")).Split(';')[0];
        var second = fixture.SecondApi.CreateClient();
        second.DefaultRequestHeaders.Add("Cookie", cookie);

        var me = await second.GetAsync("/api/v1/staff/session");

        me.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Staff_without_the_role_are_forbidden_and_with_it_allowed()
    {
        var accession = StudyRequests.UniqueAccession();
        (await fixture.SystemClient().PostAsync("/api/v1/studies", StudyRequests.Json(StudyRequests.Registration(accession, "P" + accession)))).EnsureSuccessStatusCode();
        var nurse = Browser();
        await nurse.PostAsJsonAsync("/api/v1/staff/session", new { name = "nurse", password = "nurse-pass-1" });
        var admin = Browser();
        await admin.PostAsJsonAsync("/api/v1/staff/session", new { name = "admin", password = "admin-pass-1" });

        var forbidden = await nurse.PostAsJsonAsync($"/api/v1/studies/{accession}/shares", new { verification = "none" });
        var allowed = await admin.PostAsJsonAsync($"/api/v1/studies/{accession}/shares", new { verification = "none" });
        var anonymous = await Browser().PostAsJsonAsync($"/api/v1/studies/{accession}/shares", new { verification = "none" });

        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        allowed.StatusCode.Should().Be(HttpStatusCode.Created);
        (await allowed.Content.ReadFromJsonAsync<JsonObject>())!["share"]!["createdBy"]!.GetValue<string>().Should().Be("admin");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_sign_in_page_is_served()
    {
        var page = await Browser().GetStringAsync("/login");

        page.Should().Contain("/api/v1/staff/session".Length > 0 ? "login.js" : "");
    }
}
