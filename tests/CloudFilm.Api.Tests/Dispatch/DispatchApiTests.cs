using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFilm.Api.Dispatch;
using CloudFilm.Api.Tests.Studies;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CloudFilm.Api.Tests.Dispatch;

[Collection(ApiCollection.Name)]
public class DispatchApiTests(ApiFixture fixture)
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private async Task<HttpClient> SignedInAsync(string name = "admin", string password = "admin-pass-1")
    {
        var client = fixture.Api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        (await client.PostAsJsonAsync("/api/v1/staff/session", new { name, password })).EnsureSuccessStatusCode();
        return client;
    }

    private static JsonArray Roster(string stationId, string reader)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        return new JsonArray([.. new[] { -1, 0, 1 }.Select(d => (JsonNode)new JsonObject
        {
            ["date"] = today.AddDays(d).ToString("yyyy-MM-dd"), ["shiftId"] = "all", ["stationId"] = stationId, ["readerId"] = reader,
        })]);
    }

    private static JsonObject Config(JsonArray roster, string trigger = "study-registered") => new()
    {
        ["campuses"] = new JsonArray("东院"),
        ["trigger"] = trigger,
        ["weights"] = new JsonArray(new JsonObject { ["examItem"] = "胸部CT平扫", ["weight"] = 1.5 }),
        ["emergencyStartSlaMinutes"] = 10,
        ["shifts"] = new JsonArray(new JsonObject { ["shiftId"] = "all", ["name"] = "全天", ["kind"] = "regular", ["start"] = "00:00:00", ["end"] = "00:00:00" }),
        ["roster"] = roster,
        ["readers"] = new JsonArray(new JsonObject { ["readerId"] = "admin", ["displayName"] = "管理员", ["level"] = 3 }),
    };

    /// <summary>A pool with one station "{pool}-A" where the admin reads, and a campus of its own routed to it.</summary>
    private async Task<(HttpClient Admin, string Pool, string Campus)> PoolAsync()
    {
        var admin = await SignedInAsync();
        var pool = Unique("pool");
        var campus = Unique("院区");
        (await admin.PutAsJsonAsync($"/api/v1/dispatch/pools/{pool}/stations/{pool}-A",
            new { name = "胸部组", campus = "东院", maxLoad = 6, share = 1 })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.PutAsync($"/api/v1/dispatch/pools/{pool}/config", StudyRequests.Json(Config(Roster(pool + "-A", "admin")))))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.PutAsJsonAsync($"/api/v1/dispatch/campuses/{Uri.EscapeDataString(campus)}", new { poolId = pool }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        return (admin, pool, campus);
    }

    private async Task<string> RegisterAsync(string campus)
    {
        var accession = StudyRequests.UniqueAccession();
        var registration = StudyRequests.Registration(accession, "P" + accession);
        registration["order"]!["campus"] = campus;
        (await fixture.SystemClient().PostAsync("/api/v1/studies", StudyRequests.Json(registration))).EnsureSuccessStatusCode();
        return accession;
    }

    [Fact]
    public async Task A_registered_study_appears_on_the_board_and_the_reader_starts_and_completes_it()
    {
        var (admin, pool, campus) = await PoolAsync();
        var accession = await RegisterAsync(campus);

        var board = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/dispatch/pools/{pool}");
        var task = board!["tasks"]!.AsArray().Single()!;
        task["subject"]!["studyKey"]!.GetValue<string>().Should().Be(accession);
        task["priority"]!.GetValue<string>().Should().Be("vip");
        task["status"]!.GetValue<string>().Should().Be("assigned");
        task["weight"]!.GetValue<decimal>().Should().Be(1.5m);
        board["stations"]![0]!["load"]!.GetValue<decimal>().Should().Be(1.5m);
        var taskId = Uri.EscapeDataString(task["taskId"]!.GetValue<string>());

        (await admin.PostAsync($"/api/v1/dispatch/pools/{pool}/tasks/{taskId}/start", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.PostAsync($"/api/v1/dispatch/pools/{pool}/tasks/{taskId}/complete", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var mine = await admin.GetFromJsonAsync<JsonArray>($"/api/v1/dispatch/worklist?reader=me&pool={pool}");
        mine!.Single()!["status"]!.GetValue<string>().Should().Be("Completed");
        var statistics = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/dispatch/pools/{pool}/statistics");
        statistics!["readers"]![0]!["completed"]!.GetValue<long>().Should().Be(1);
        statistics["turnaround"]![0]!["priority"]!.GetValue<string>().Should().Be("Vip");
        statistics["shifts"]![0]!["shiftId"]!.GetValue<string>().Should().Be("all");
        statistics["campuses"]![0]!["completed"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task A_configuration_leaving_emergencies_uncovered_now_is_refused_naming_the_field()
    {
        var (admin, pool, _) = await PoolAsync();

        var response = await admin.PutAsync($"/api/v1/dispatch/pools/{pool}/config", StudyRequests.Json(Config([])));
        var missing = await admin.PutAsync($"/api/v1/dispatch/pools/{pool}/config", StudyRequests.Json(new JsonObject { ["roster"] = new JsonArray() }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Contain("shifts");
        problem["type"]!.GetValue<string>().Should().Be("/problems/invalid-request");
        problem["code"]!.GetValue<string>().Should().Be("invalid-request");
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Should().Contain(["trigger", "shifts"]);
        var board = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/dispatch/pools/{pool}");
        board!["stations"]![0]!["onDuty"]!.GetValue<bool>().Should().BeTrue("the refused configuration changed nothing");
    }

    [Fact]
    public async Task Staff_without_a_dispatch_role_and_strangers_are_kept_out()
    {
        var (_, pool, _) = await PoolAsync();
        var nurse = await SignedInAsync("nurse", "nurse-pass-1");

        (await nurse.GetAsync($"/api/v1/dispatch/pools/{pool}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fixture.Api.CreateClient().GetAsync($"/api/v1/dispatch/pools/{pool}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await nurse.PutAsJsonAsync($"/api/v1/dispatch/pools/{pool}/stations/x", new { name = "x", maxLoad = 1 })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_dispatch_hub_refuses_to_show_a_pool_to_staff_without_a_dispatch_role()
    {
        var (_, pool, _) = await PoolAsync();
        var signIn = await fixture.Api.CreateClient().PostAsJsonAsync("/api/v1/staff/session", new { name = "nurse", password = "nurse-pass-1" });
        var sessionCookie = signIn.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Api.Server.BaseAddress, DispatchHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => fixture.Api.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Cookie"] = sessionCookie;
            })
            .Build();
        await connection.StartAsync();

        var watch = () => connection.InvokeAsync<string>("Watch", pool);

        (await watch.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("roles");
    }

    [Fact]
    public async Task A_supervisor_disables_a_station_copies_one_and_its_work_moves_there()
    {
        var (admin, pool, campus) = await PoolAsync();
        await RegisterAsync(campus);

        (await admin.PostAsJsonAsync($"/api/v1/dispatch/pools/{pool}/stations/{pool}-A/copy", new { newStationId = pool + "-B", newName = "胸部二组" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.PostAsync($"/api/v1/dispatch/pools/{pool}/stations/{pool}-A/disable", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var board = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/dispatch/pools/{pool}");
        board!["tasks"]![0]!["stationId"]!.GetValue<string>().Should().Be(pool + "-B");
        var copy = board["stations"]!.AsArray().Single(s => s!["config"]!["stationId"]!.GetValue<string>() == pool + "-B")!;
        copy["config"]!["name"]!.GetValue<string>().Should().Be("胸部二组");
        copy["config"]!["maxLoad"]!.GetValue<decimal>().Should().Be(6m);
        var again = await admin.PostAsJsonAsync($"/api/v1/dispatch/pools/{pool}/stations/{pool}-A/copy", new { newStationId = pool + "-B", newName = "x" });
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var taskId = Uri.EscapeDataString(board["tasks"]![0]!["taskId"]!.GetValue<string>());
        var toDisabled = await admin.PostAsJsonAsync($"/api/v1/dispatch/pools/{pool}/tasks/{taskId}/reassign", new { stationId = pool + "-A" });
        toDisabled.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var refused = (await toDisabled.Content.ReadFromJsonAsync<JsonObject>())!;
        refused["type"]!.GetValue<string>().Should().Be("/problems/station-unavailable");
        refused["code"]!.GetValue<string>().Should().Be("station-unavailable");
        var unknownTask = await admin.PostAsync($"/api/v1/dispatch/pools/{pool}/tasks/nosuch/start", null);
        unknownTask.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknownTask.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>().Should().Be("task-not-found");
    }

    [Fact]
    public async Task Invalid_bodies_name_every_offending_field()
    {
        var (admin, pool, _) = await PoolAsync();

        var station = await admin.PutAsJsonAsync($"/api/v1/dispatch/pools/{pool}/stations/{pool}-Z", new { maxLoad = 0, share = -1 });
        var handBack = await admin.PostAsJsonAsync($"/api/v1/dispatch/pools/{pool}/tasks/x/hand-back", new { reason = "" });
        var week = await admin.PostAsJsonAsync($"/api/v1/dispatch/pools/{pool}/roster/copy-week", new { fromWeekStart = "2026-11-23" });

        (await station.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("name", "maxLoad", "share");
        (await handBack.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Should().Equal("reason");
        (await week.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Should().Equal("toWeekStart");
    }

    [Fact]
    public async Task An_external_event_creates_a_task_once_and_a_board_on_the_other_api_copy_hears_of_it()
    {
        var (admin, pool, _) = await PoolAsync();
        (await admin.PutAsync($"/api/v1/dispatch/pools/{pool}/config", StudyRequests.Json(Config(Roster(pool + "-A", "admin"), "images-arrived"))))
            .EnsureSuccessStatusCode();
        var signIn = await fixture.SecondApi.CreateClient().PostAsJsonAsync("/api/v1/staff/session", new { name = "admin", password = "admin-pass-1" });
        var sessionCookie = signIn.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.SecondApi.Server.BaseAddress, DispatchHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => fixture.SecondApi.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Cookie"] = sessionCookie;
            })
            .Build();
        var heard = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<string>(DispatchHub.PoolMessage, json =>
        {
            var view = JsonNode.Parse(json)!.AsObject();
            if (view["tasks"]!.AsArray().Count > 0)
            {
                heard.TrySetResult(view);
            }
        });
        await connection.StartAsync();
        var initial = JsonNode.Parse(await connection.InvokeAsync<string>("Watch", pool))!;
        initial["tasks"]!.AsArray().Should().BeEmpty();

        var body = new { studyKey = Unique("S"), campus = "东院", modality = "CT", examItem = "胸部CT平扫", priority = "emergency", @event = "images-arrived" };
        var first = await fixture.SystemClient().PostAsJsonAsync($"/api/v1/dispatch/pools/{pool}/events", body);
        var repeat = await fixture.SystemClient().PostAsJsonAsync($"/api/v1/dispatch/pools/{pool}/events", body);
        var ignored = await fixture.SystemClient().PostAsJsonAsync($"/api/v1/dispatch/pools/{pool}/events", body with { @event = "exam-completed" });

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        repeat.StatusCode.Should().Be(HttpStatusCode.OK);
        ignored.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var pushed = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        pushed["tasks"]!.AsArray().Should().ContainSingle().Which!["priority"]!.GetValue<string>().Should().Be("emergency");
    }
}
