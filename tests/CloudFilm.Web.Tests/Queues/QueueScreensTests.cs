using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace CloudFilm.Web.Tests.Queues;

/// <summary>
/// Each WebFixture configures the Api through process-wide environment variables, so two fixtures must not start at
/// the same time: this collection runs alone, after the others.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QueueScreensCollection
{
    public const string Name = "queue-screens";
}

/// <summary>A hall screen and a room-door screen open, a caller console calls next: both screens show the call, masked.</summary>
[Collection(QueueScreensCollection.Name)]
public class QueueScreensTests(WebFixture web) : IClassFixture<WebFixture>
{
    private async Task<string> TokenAsync(HttpClient system, string screenId, object definition)
    {
        (await system.PutAsJsonAsync($"/api/v1/screens/{screenId}", definition)).EnsureSuccessStatusCode();
        var issued = await (await system.PostAsync($"/api/v1/screens/{screenId}/token", null)).Content.ReadFromJsonAsync<JsonObject>();
        return issued!["pageUrl"]!.GetValue<string>();
    }

    private static async Task OnlineAsync(IPage page)
    {
        try
        {
            await page.WaitForSelectorAsync("body[data-state=online]", new() { State = WaitForSelectorState.Attached, Timeout = 15000 });
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"{page.Url} stayed {await page.GetAttributeAsync("body", "data-state")}: {await page.InnerTextAsync("body")}");
        }
    }

    [Fact]
    public async Task The_console_calls_next_and_the_hall_and_room_screens_show_the_masked_call()
    {
        var system = web.SystemClient();
        var queueId = "ct-" + Guid.NewGuid().ToString("N")[..6];
        (await system.PutAsJsonAsync($"/api/v1/queues/{queueId}", new
        {
            campus = "东院", name = "CT 检查", ticketPrefix = "C", examTypes = new[] { "CT" },
            rooms = new object[] { new { roomId = "r1", name = "CT1室", readerName = "李医生", readerTitle = "主治医师", notes = "请携带检查单" }, new { roomId = "r2", name = "CT2室" } },
            rules = new { preCallCount = 2 },
        })).EnsureSuccessStatusCode();
        var hallUrl = await TokenAsync(system, "hall-" + queueId, new { kind = "hall", campus = "东院", area = "一楼", title = "CT 候诊", regions = new[] { new { queueId } }, notice = "请保持安静" });
        var roomUrl = await TokenAsync(system, "door-" + queueId, new { kind = "room", campus = "东院", area = "一楼", regions = new[] { new { queueId, roomIds = new[] { "r1" } } } });
        foreach (var (exam, name) in new[] { ("A1", "欧阳娜娜"), ("A2", "王小明"), ("A3", "李四") })
        {
            (await system.PostAsJsonAsync($"/api/v1/queues/{queueId}/tickets", new { examId = exam, patientName = name })).EnsureSuccessStatusCode();
        }

        await using var screens = await web.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 }, Locale = "zh-CN" });
        var hall = await screens.NewPageAsync();

        await hall.GotoAsync(new Uri(web.BaseAddress, hallUrl).ToString());
        var door = await screens.NewPageAsync();
        await door.SetViewportSizeAsync(800, 480);
        await door.GotoAsync(new Uri(web.BaseAddress, roomUrl).ToString());
        await OnlineAsync(hall);
        await OnlineAsync(door);
        hall.Url.Should().NotContain("token", "the token leaves the address bar once kept on the device");
        (await door.TextContentAsync("#next"))!.Should().Contain("C001");

        await using var staff = await web.Browser.NewContextAsync();
        (await staff.APIRequest.PostAsync(new Uri(web.BaseAddress, "/api/v1/staff/session").ToString(),
            new APIRequestContextOptions { DataObject = new { name = "nurse", password = "nurse-pass-1" } })).Ok.Should().BeTrue();
        var console = await staff.NewPageAsync();
        var errors = new List<string>();
        console.Console += (_, m) => errors.Add(m.Text);
        console.PageError += (_, m) => errors.Add(m);
        console.WebSocket += (_, ws) => { errors.Add("ws " + ws.Url); ws.Close += (_, _) => errors.Add("ws closed"); };
        await console.GotoAsync(new Uri(web.BaseAddress, $"/console/r1?queue={queueId}").ToString());
        try { await OnlineAsync(console); } catch (InvalidOperationException e) { throw new InvalidOperationException(e.Message + string.Join(" | ", errors) + await console.ContentAsync()); }
        await console.ClickAsync("#call-next");

        await hall.WaitForSelectorAsync("body[data-last-call='C001 欧**娜 CT1室']", new() { State = WaitForSelectorState.Attached });
        await door.WaitForFunctionAsync("document.getElementById('current').textContent === 'C001'");
        (await hall.TextContentAsync("tr[data-room=r1]"))!.Should().Contain("C001").And.Contain("欧**娜");
        (await hall.GetAttributeAsync("body", "data-last-spoken")).Should().Be("请 C001 号 欧**娜 到 CT1室 检查");
        (await door.TextContentAsync("#currentName")).Should().Be("欧**娜");
        (await door.TextContentAsync("#reader")).Should().Be("李医生");
        await console.WaitForFunctionAsync("document.getElementById('current').textContent === 'C001 欧阳娜娜'");
        foreach (var page in new[] { hall, door })
        {
            var shown = await page.InnerTextAsync("body");
            shown.Should().NotContain("欧阳娜娜").And.NotContain("王小明").And.NotContain("李四");
        }
        await hall.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(web.Artifacts, "queue-hall.png") });
        await door.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(web.Artifacts, "queue-door.png") });
    }

    [Fact]
    public async Task A_screen_that_loses_its_connection_shows_offline_and_catches_up_from_a_snapshot()
    {
        var system = web.SystemClient();
        var queueId = "mr-" + Guid.NewGuid().ToString("N")[..6];
        (await system.PutAsJsonAsync($"/api/v1/queues/{queueId}", new
        {
            campus = "东院", name = "MR 检查", ticketPrefix = "M", rooms = new object[] { new { roomId = "m1", name = "MR1室" } }, rules = new { preCallCount = 0 },
        })).EnsureSuccessStatusCode();
        var hallUrl = await TokenAsync(system, "hall-" + queueId, new { kind = "hall", campus = "东院", area = "二楼", title = "MR 候诊", regions = new[] { new { queueId } } });
        (await system.PostAsJsonAsync($"/api/v1/queues/{queueId}/tickets", new { examId = "M1", patientName = "周杰" })).EnsureSuccessStatusCode();

        await using var context = await web.Browser.NewContextAsync();
        var hall = await context.NewPageAsync();
        await hall.GotoAsync(new Uri(web.BaseAddress, hallUrl).ToString());
        await OnlineAsync(hall);
        (await hall.TextContentAsync("tr[data-room=m1]"))!.Should().NotContain("M001");

        // The network goes away: the screen says so instead of showing what may be stale.
        await context.SetOfflineAsync(true);
        await hall.EvaluateAsync("window.queueLive.ws.close()");
        await hall.WaitForSelectorAsync("body[data-state=offline]", new() { State = WaitForSelectorState.Attached });
        (await hall.IsVisibleAsync("#offline")).Should().BeTrue();

        // A call made meanwhile is not pushed to it; on reconnecting it redraws from a fresh snapshot.
        (await system.PostAsync($"/api/v1/queues/{queueId}/rooms/m1/call-next", null)).EnsureSuccessStatusCode();
        (await hall.GetAttributeAsync("body", "data-state")).Should().Be("offline", "it cannot reconnect while the network is away");
        await context.SetOfflineAsync(false);
        await OnlineAsync(hall);
        await hall.WaitForFunctionAsync("document.querySelector('tr[data-room=m1]').textContent.includes('M001')");
        (await hall.TextContentAsync("tr[data-room=m1]"))!.Should().Contain("周*");
        (await hall.IsVisibleAsync("#offline")).Should().BeFalse();
    }

    [Fact]
    public async Task A_screen_without_a_valid_token_shows_nothing_but_that_it_is_not_authorised()
    {
        await using var context = await web.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(web.BaseAddress, "/screens/hall/nowhere#token=nowhere.bad").ToString());
        await page.WaitForSelectorAsync("body[data-state=denied]", new() { State = WaitForSelectorState.Attached });
        (await page.TextContentAsync("#regions"))!.Trim().Should().BeEmpty();
    }
}
