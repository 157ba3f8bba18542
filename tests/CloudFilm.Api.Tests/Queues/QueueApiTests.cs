using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CloudFilm.Api.Tests.Queues;

[Collection(ApiCollection.Name)]
public class QueueApiTests(ApiFixture fixture)
{
    private async Task<HttpClient> SignedInAsync(string name, string password, bool second = false)
    {
        var client = (second ? fixture.SecondApi : fixture.Api).CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        (await client.PostAsJsonAsync("/api/v1/staff/session", new { name, password })).EnsureSuccessStatusCode();
        return client;
    }

    private Task<HttpClient> AdminAsync() => SignedInAsync("admin", "admin-pass-1");

    private Task<HttpClient> NurseAsync() => SignedInAsync("nurse", "nurse-pass-1");

    private static object Queue(string campus = "东院") => new
    {
        campus,
        name = "CT 检查",
        ticketPrefix = "C",
        examTypes = new[] { "CT" },
        rooms = new object[] { new { roomId = "r1", name = "CT1室", readerName = "李医生" }, new { roomId = "r2", name = "CT2室" } },
        rules = new { preCallCount = 0 },
        voice = new { template = "请 {号码} 号 {姓名脱敏} 到 {诊室} 检查", repeat = 2, rate = 0.9 },
    };

    private async Task<string> NewQueueAsync()
    {
        var id = "ct-" + Guid.NewGuid().ToString("N")[..8];
        (await (await AdminAsync()).PutAsJsonAsync($"/api/v1/queues/{id}", Queue())).StatusCode.Should().Be(HttpStatusCode.OK);
        return id;
    }

    private static async Task<JsonObject> Json(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    private static HttpRequestMessage Command(string url, string key) =>
        new(HttpMethod.Post, url) { Headers = { { "Idempotency-Key", key } } };

    [Fact]
    public async Task Registration_issues_a_ticket_once_per_exam()
    {
        var queueId = await NewQueueAsync();
        var ris = fixture.SystemClient();
        var body = new { examId = "A100", patientName = "张三丰", age = 82 };

        var first = await ris.PostAsJsonAsync($"/api/v1/queues/{queueId}/tickets", body);
        var again = await ris.PostAsJsonAsync($"/api/v1/queues/{queueId}/tickets", body);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var ticket = await Json(first);
        ticket["displayNumber"]!.GetValue<string>().Should().Be("C001");
        ticket["lane"]!.GetValue<string>().Should().Be("priority");
        ticket["slipText"]!.GetValue<string>().Should().Contain("张*丰").And.NotContain("张三丰");
        (await Json(again))["number"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Ticket_issue_needs_the_system_key_and_names_every_bad_field()
    {
        var queueId = await NewQueueAsync();
        var anonymous = await fixture.Api.CreateClient().PostAsJsonAsync($"/api/v1/queues/{queueId}/tickets", new { examId = "A1", patientName = "x" });
        var invalid = await fixture.SystemClient().PostAsJsonAsync($"/api/v1/queues/{queueId}/tickets", new { examId = "", age = 300 });

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await Json(invalid))["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().BeEquivalentTo("examId", "patientName", "age");
    }

    [Fact]
    public async Task A_queue_definition_is_validated_field_by_field_and_only_supervisors_may_change_it()
    {
        var admin = await AdminAsync();
        var bad = await admin.PutAsJsonAsync("/api/v1/queues/q-bad", new { campus = "", name = "x", rooms = Array.Empty<object>(), rules = new { maxMisses = 0, dailyResetTime = "7am" } });
        var byNurse = await (await NurseAsync()).PutAsJsonAsync("/api/v1/queues/q-nurse", Queue());

        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Json(bad))["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("campus", "rooms", "rules.maxMisses", "rules.dailyResetTime");
        byNurse.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_screen_shows_only_queues_of_its_own_campus_and_existing_rooms()
    {
        var queueId = await NewQueueAsync();
        var admin = await AdminAsync();
        var response = await admin.PutAsJsonAsync("/api/v1/screens/door-x", new
        {
            kind = "hall", campus = "西院",
            regions = new object[] { new { queueId }, new { queueId = "no-such-queue" } },
        });
        var badRoom = await admin.PutAsJsonAsync("/api/v1/screens/door-y", new
        {
            kind = "room", campus = "东院", regions = new[] { new { queueId, roomIds = new[] { "r9" } } },
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await Json(response))["errors"]!.AsObject();
        errors["regions[0].queueId"]![0]!.GetValue<string>().Should().Contain("东院");
        errors["regions[1].queueId"].Should().NotBeNull();
        (await Json(badRoom))["errors"]!["regions[0].roomIds"].Should().NotBeNull();
    }

    [Fact]
    public async Task The_console_calls_next_once_per_idempotency_key_recalls_marks_missed_and_returns()
    {
        var queueId = await NewQueueAsync();
        var ris = fixture.SystemClient();
        await ris.PostAsJsonAsync($"/api/v1/queues/{queueId}/tickets", new { examId = "A1", patientName = "王五" });
        await ris.PostAsJsonAsync($"/api/v1/queues/{queueId}/tickets", new { examId = "A2", patientName = "赵六" });
        var nurse = await NurseAsync();
        var room = $"/api/v1/queues/{queueId}/rooms/r1";

        var call = await nurse.SendAsync(Command(room + "/call-next", "k1"));
        var doubleClick = await nurse.SendAsync(Command(room + "/call-next", "k1"));
        var recall = await nurse.SendAsync(Command(room + "/recall", "k2"));
        var missed = await nurse.SendAsync(Command(room + "/missed", "k3"));
        var recallNobody = await nurse.SendAsync(Command(room + "/recall", "k4"));
        var back = await nurse.SendAsync(Command($"/api/v1/queues/{queueId}/tickets/1/return", "k5"));

        (await Json(call))["number"]!.GetValue<int>().Should().Be(1);
        (await Json(doubleClick))["number"]!.GetValue<int>().Should().Be(1);
        (await Json(recall))["callCount"]!.GetValue<int>().Should().Be(2);
        (await Json(missed))["status"]!.GetValue<string>().Should().Be("missed");
        recallNobody.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var refusal = await Json(recallNobody);
        refusal["refusal"]!.GetValue<string>().Should().Be("NoCurrentPatient");
        refusal["code"]!.GetValue<string>().Should().Be("queue-no-current-patient");
        refusal["type"]!.GetValue<string>().Should().Be("/problems/queue-no-current-patient");
        (await Json(back))["status"]!.GetValue<string>().Should().Be("waiting");
        var tickets = await nurse.GetFromJsonAsync<JsonArray>($"/api/v1/queues/{queueId}/tickets");
        tickets!.Single(t => t!["number"]!.GetValue<int>() == 2)!["status"]!.GetValue<string>().Should().Be("waiting");
    }

    [Fact]
    public async Task Unknown_rooms_and_paused_rooms_are_refused_and_select_transfer_work()
    {
        var queueId = await NewQueueAsync();
        var ris = fixture.SystemClient();
        for (var i = 1; i <= 3; i++)
        {
            await ris.PostAsJsonAsync($"/api/v1/queues/{queueId}/tickets", new { examId = "A" + i, patientName = "病人" + i });
        }
        var nurse = await NurseAsync();
        var unknown = await nurse.PostAsync($"/api/v1/queues/{queueId}/rooms/r9/call-next", null);
        await nurse.PostAsync($"/api/v1/queues/{queueId}/rooms/r2/pause", null);
        var paused = await nurse.PostAsync($"/api/v1/queues/{queueId}/rooms/r2/call-next", null);
        var selected = await nurse.PostAsJsonAsync($"/api/v1/queues/{queueId}/rooms/r1/select", new { number = 3 });
        var moved = await nurse.PostAsJsonAsync($"/api/v1/queues/{queueId}/tickets/1/transfer", new { roomId = "r2" });
        await nurse.PostAsync($"/api/v1/queues/{queueId}/rooms/r2/resume", null);
        var r2 = await nurse.PostAsync($"/api/v1/queues/{queueId}/rooms/r2/call-next", null);

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        paused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Json(selected))["number"]!.GetValue<int>().Should().Be(3);
        (await Json(moved))["roomId"]!.GetValue<string>().Should().Be("r2");
        (await Json(r2))["number"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task A_screen_on_another_api_copy_receives_the_call_masked_and_can_read_only_its_own_queues()
    {
        var queueId = await NewQueueAsync();
        var otherQueue = await NewQueueAsync();
        var admin = await AdminAsync();
        var screenId = "hall-" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PutAsJsonAsync($"/api/v1/screens/{screenId}", new
        {
            kind = "hall", campus = "东院", area = "一楼", title = "CT 候诊", regions = new[] { new { queueId } }, notice = "请保持安静",
        })).StatusCode.Should().Be(HttpStatusCode.OK);
        var token = (await Json(await admin.PostAsync($"/api/v1/screens/{screenId}/token", null)))["token"]!.GetValue<string>();

        var server = fixture.SecondApi.Server;
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/queues"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
            })
            .Build();
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("queueEvent", e =>
        {
            if (e.GetProperty("kind").GetString() == "called")
            {
                received.TrySetResult(e);
            }
        });
        await connection.StartAsync();
        var view = await connection.InvokeAsync<JsonElement>("JoinScreen", token);
        view.GetProperty("screen").GetProperty("notice").GetString().Should().Be("请保持安静");
        var forbidden = () => connection.InvokeAsync<JsonElement>("Snapshot", otherQueue);
        await forbidden.Should().ThrowAsync<HubException>();
        var badToken = () => connection.InvokeAsync<JsonElement>("JoinScreen", screenId + ".wrong");
        await badToken.Should().ThrowAsync<HubException>();

        await fixture.SystemClient().PostAsJsonAsync($"/api/v1/queues/{queueId}/tickets", new { examId = "A1", patientName = "欧阳娜娜" });
        await (await NurseAsync()).PostAsync($"/api/v1/queues/{queueId}/rooms/r1/call-next", null);

        var call = await received.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var text = call.GetRawText();
        call.GetProperty("call").GetProperty("spokenText").GetString().Should().Be("请 C001 号 欧**娜 到 CT1室 检查");
        call.GetProperty("ticket").GetProperty("maskedName").GetString().Should().Be("欧**娜");
        System.Text.RegularExpressions.Regex.Unescape(text).Should().NotContain("欧阳娜娜");

        var viewByToken = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/screens/{screenId}/view") { Headers = { { "X-Device-Token", token } } };
        (await fixture.Api.CreateClient().SendAsync(viewByToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await fixture.Api.CreateClient().GetAsync($"/api/v1/screens/{screenId}/view")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
