using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CloudFilm.Web.Tests.Dispatch;

/// <summary>The dispatch board and the reader's worklist in Chromium, live over the dispatch hub.</summary>
public class DispatchBoardTests(WebFixture web) : IClassFixture<WebFixture>
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A signed-in admin browser context with a pool of two stations where the admin reads at A, and B is read by "li".</summary>
    private async Task<(IBrowserContext Context, string Pool)> PoolAsync()
    {
        var context = await web.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = web.BaseAddress.ToString(), Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        var request = context.APIRequest;
        (await request.PostAsync("/api/v1/staff/session", new() { DataObject = new { name = "admin", password = "admin-pass-1" } })).Ok.Should().BeTrue();
        var pool = Unique("pool");
        foreach (var station in new[] { "A", "B" })
        {
            (await request.PutAsync($"/api/v1/dispatch/pools/{pool}/stations/{pool}-{station}",
                new() { DataObject = new { name = "工位" + station, campus = "东院", maxLoad = 5 } })).Ok.Should().BeTrue();
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var roster = new[] { -1, 0, 1 }.SelectMany(d => new[]
        {
            new { date = today.AddDays(d).ToString("yyyy-MM-dd"), shiftId = "all", stationId = pool + "-A", readerId = "admin" },
            new { date = today.AddDays(d).ToString("yyyy-MM-dd"), shiftId = "all", stationId = pool + "-B", readerId = "li" },
        });
        var config = new
        {
            trigger = "images-arrived",
            shifts = new[] { new { shiftId = "all", name = "全天", kind = "regular", start = "00:00:00", end = "00:00:00" } },
            roster,
            readers = new[] { new { readerId = "admin", displayName = "管理员", level = 3 }, new { readerId = "li", displayName = "李医生", level = 2 } },
        };
        var configured = await request.PutAsync($"/api/v1/dispatch/pools/{pool}/config", new() { DataObject = config });
        configured.Ok.Should().BeTrue(await configured.TextAsync());
        return (context, pool);
    }

    private async Task<string> ArriveAsync(string pool, string priority)
    {
        var key = Unique("S");
        var response = await web.SystemClient().PostAsJsonAsync($"/api/v1/dispatch/pools/{pool}/events",
            new { studyKey = key, campus = "东院", modality = "CT", examItem = "胸部CT平扫", priority, @event = "images-arrived" });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("taskId").GetString()!;
    }

    [Fact]
    public async Task The_board_shows_a_new_emergency_live_and_a_drag_reassigns_it()
    {
        var (context, pool) = await PoolAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/board?pool={pool}");
        await page.WaitForSelectorAsync("body[data-state=online]");
        (await page.Locator("section.column").CountAsync()).Should().Be(3, "the unassigned pool and two stations");

        var taskId = await ArriveAsync(pool, "emergency");

        var card = page.Locator($"li.task[data-task='{taskId}']");
        await card.WaitForAsync(new() { Timeout = 5000 });
        (await card.GetAttributeAsync("class")).Should().Contain("emergency");
        var from = await card.EvaluateAsync<string>("e => e.closest('section').dataset.station");
        var to = from == pool + "-A" ? pool + "-B" : pool + "-A";
        (await page.Locator($"section[data-station='{from}'] .load").GetAttributeAsync("data-load")).Should().Be("1");

        await card.DragToAsync(page.Locator($"section[data-station='{to}']"));

        await page.Locator($"section[data-station='{to}'] li.task[data-task='{taskId}']").WaitForAsync(new() { Timeout = 5000 });
        (await page.Locator($"section[data-station='{from}'] li.task").CountAsync()).Should().Be(0);
        await page.ClickAsync("#lang");
        (await page.TextContentAsync("h1")).Should().Be("Dispatch board");
        await page.ScreenshotAsync(new() { Path = Path.Combine(web.Artifacts, "dispatch-board.png"), FullPage = true });
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_reader_starts_and_completes_a_task_from_their_worklist()
    {
        var (context, pool) = await PoolAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/worklist?pool={pool}");
        await page.WaitForSelectorAsync("body[data-state=online]");
        string taskId;
        do
        {
            // Two stations share the work; keep adding until one lands with this reader (admin at station A).
            taskId = await ArriveAsync(pool, "routine");
        }
        while (!await WaitForTaskAsync(page, taskId));

        await page.ClickAsync($"#mine li[data-task='{taskId}'] button[data-action=start]");
        await page.WaitForSelectorAsync($"#mine li[data-task='{taskId}'][data-status=started]");
        await page.ClickAsync($"#mine li[data-task='{taskId}'] button[data-action=complete]");

        await page.WaitForSelectorAsync($"#done li[data-task='{taskId}']", new() { Timeout = 5000 });
        await page.Locator($"#mine li[data-task='{taskId}']").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 5000 });
        (await page.Locator($"#mine li[data-task='{taskId}']").CountAsync()).Should().Be(0);
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_supervisor_changes_a_maximum_load_and_copies_the_week_roster_on_the_management_page()
    {
        var (context, pool) = await PoolAsync();
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GotoAsync($"/board/manage?pool={pool}");
        await page.WaitForSelectorAsync("body[data-state=ready]");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        (await page.TextContentAsync($"#roster tr[data-station='{pool}-B'] td[data-date='{today:yyyy-MM-dd}']")).Should().Be("all:li");

        await page.FillAsync($"#stations tr[data-station='{pool}-A'] input.max-load", "8");
        await page.ClickAsync($"#stations tr[data-station='{pool}-A'] button >> nth=0");
        await page.WaitForSelectorAsync("#status:has-text('已保存')");
        await page.ClickAsync("#copyWeek");

        var nextWeek = today.AddDays(7).ToString("yyyy-MM-dd");
        await page.WaitForSelectorAsync($"#roster tr[data-station='{pool}-B'] td[data-date='{nextWeek}']:has-text('all:li')");
        var board = JsonDocument.Parse(await (await context.APIRequest.GetAsync($"/api/v1/dispatch/pools/{pool}")).TextAsync()).RootElement;
        board.GetProperty("stations").EnumerateArray().Single(s => s.GetProperty("config").GetProperty("stationId").GetString() == pool + "-A")
            .GetProperty("config").GetProperty("maxLoad").GetDecimal().Should().Be(8m);
        var config = JsonDocument.Parse(await (await context.APIRequest.GetAsync($"/api/v1/dispatch/pools/{pool}/config")).TextAsync()).RootElement;
        config.GetProperty("roster").EnumerateArray().Count(e => e.GetProperty("date").GetString() == nextWeek).Should().Be(2);
        await page.ScreenshotAsync(new() { Path = Path.Combine(web.Artifacts, "dispatch-manage.png"), FullPage = true });
        await context.CloseAsync();
    }

    private static async Task<bool> WaitForTaskAsync(IPage page, string taskId)
    {
        try
        {
            await page.Locator($"#mine li[data-task='{taskId}']").WaitForAsync(new() { Timeout = 2000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
