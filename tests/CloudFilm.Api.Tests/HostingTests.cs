using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFilm.Api.Realtime;
using CloudFilm.Api.Tests.Studies;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CloudFilm.Api.Tests;

[Collection(ApiCollection.Name)]
public class HostingTests(ApiFixture fixture)
{
    private readonly HttpClient _client = fixture.SystemClient();

    [Fact]
    public async Task Ready_when_postgres_redis_and_the_cluster_answer()
    {
        var response = await _client.GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var health = await response.Content.ReadFromJsonAsync<JsonObject>();
        health!["status"]!.GetValue<string>().Should().Be("healthy");
        health["checks"]!.AsObject().Select(c => c.Key).Should().BeEquivalentTo("postgres", "redis", "orleans");
        health["checks"]!["orleans"]!["description"]!.GetValue<string>().Should().Be("2 active silo(s)");
    }

    [Fact]
    public async Task Live_answers_without_checking_dependencies() =>
        (await _client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);

    [Fact]
    public async Task The_openapi_document_lists_the_endpoints_and_scalar_serves_it()
    {
        var document = await _client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        document!["paths"]!.AsObject().Select(p => p.Key)
            .Should().Contain(["/api/v1/studies", "/api/v1/studies/{key}", "/api/v1/patients/{key}/studies"]);
        var scalar = await _client.GetAsync("/scalar/");
        scalar.StatusCode.Should().Be(HttpStatusCode.OK);
        (await scalar.Content.ReadAsStringAsync()).Should().Contain("Scalar API Reference").And.Contain("openapi/v1.json");
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var response = await _client.GetAsync("/api/v1/nothing-here");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task An_event_raised_on_one_api_copy_reaches_a_client_of_the_other_through_redis()
    {
        var server = fixture.SecondApi.Server;
        var signIn = await fixture.SecondApi.CreateClient().PostAsJsonAsync("/api/v1/staff/session", new { name = "nurse", password = "nurse-pass-1" });
        var sessionCookie = signIn.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, EventsHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Cookie"] = sessionCookie;
            })
            .Build();
        var received = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonObject>(EventsHub.StudyRegistered, e => received.TrySetResult(e));
        await connection.StartAsync();
        var accession = StudyRequests.UniqueAccession();

        (await _client.PostAsync("/api/v1/studies", StudyRequests.Json(StudyRequests.Registration(accession)))).EnsureSuccessStatusCode();

        var e = await received.Task.WaitAsync(TimeSpan.FromSeconds(15));
        e["studyKey"]!.GetValue<string>().Should().Be(accession);
        e["campus"]!.GetValue<string>().Should().Be("东院");
    }

    [Fact]
    public async Task The_events_hub_refuses_a_client_that_is_not_signed_in()
    {
        var server = fixture.Api.Server;
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, EventsHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();

        var start = () => connection.StartAsync();

        (await start.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
