using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CloudFilm.Web.Tests;

/// <summary>
/// What every page shares (Api/wwwroot/page/): the language it opens in and keeps, and how it answers the Api's
/// refusals — a 401 on a staff page goes to sign-in, a problem shows its detail.
/// </summary>
[Collection(WebCollection.Name)]
public class PageBasicsTests(WebFixture web)
{
    private async Task<IBrowserContext> SignedInAsync(string locale)
    {
        var context = await web.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = web.BaseAddress.ToString(), Locale = locale });
        (await context.APIRequest.PostAsync("/api/v1/staff/session", new() { DataObject = new { name = "admin", password = "admin-pass-1" } })).Ok.Should().BeTrue();
        return context;
    }

    /// <summary>A pool of one station, so that its management page opens.</summary>
    private static async Task<string> PoolAsync(IBrowserContext context)
    {
        var pool = "basics" + Guid.NewGuid().ToString("N")[..8];
        (await context.APIRequest.PutAsync($"/api/v1/dispatch/pools/{pool}/stations/{pool}-A",
            new() { DataObject = new { name = "工位A", campus = "东院", maxLoad = 5 } })).Ok.Should().BeTrue();
        var config = new
        {
            trigger = "images-arrived",
            shifts = new[] { new { shiftId = "all", name = "全天", kind = "regular", start = "00:00:00", end = "00:00:00" } },
            roster = new[] { -1, 0, 1 }.Select(d => new
            {
                date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(d).ToString("yyyy-MM-dd"), shiftId = "all", stationId = pool + "-A", readerId = "admin",
            }),
            readers = new[] { new { readerId = "admin", displayName = "管理员", level = 3 } },
        };
        var configured = await context.APIRequest.PutAsync($"/api/v1/dispatch/pools/{pool}/config", new() { DataObject = config });
        configured.Ok.Should().BeTrue(await configured.TextAsync());
        return pool;
    }

    [Theory]
    [InlineData("zh-CN", "派单看板", "zh-CN")]
    [InlineData("zh-TW", "派单看板", "zh-CN")]
    [InlineData("fr-FR", "派单看板", "zh-CN")]
    [InlineData("en-US", "Dispatch board", "en")]
    public async Task A_page_opens_in_the_browsers_language_and_in_Chinese_when_that_is_neither_Chinese_nor_English(string locale, string title, string lang)
    {
        await using var context = await SignedInAsync(locale);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/board");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        (await page.GetAttributeAsync("html", "lang")).Should().Be(lang);
        (await page.TitleAsync()).Should().Be(title);
    }

    [Fact]
    public async Task The_language_chosen_with_the_button_is_kept_on_reload_and_on_other_pages()
    {
        await using var context = await SignedInAsync("en-US");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/board");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dispatch board");

        await page.ClickAsync("#lang");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("派单看板");
        (await page.TextContentAsync("#lang")).Should().Be("EN");

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("派单看板");
        await page.GotoAsync("/login");
        await Assertions.Expect(page.Locator("#sign-in")).ToHaveTextAsync("登录");
    }

    [Fact]
    public async Task A_staff_page_whose_sign_in_has_ended_goes_to_the_sign_in_page_and_back()
    {
        await using var context = await SignedInAsync("zh-CN");
        var pool = await PoolAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/board/manage?pool={pool}");
        await page.WaitForSelectorAsync("body[data-state=ready]");

        await context.ClearCookiesAsync();
        await page.ClickAsync("#copyWeek");

        await page.WaitForSelectorAsync("body[data-state=sign-in]");
        new Uri(page.Url).PathAndQuery.Should().Be($"/login?ReturnUrl=%2Fboard%2Fmanage%3Fpool%3D{pool}");
        await page.FillAsync("#name", "admin");
        await page.FillAsync("#password", "admin-pass-1");
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("body[data-state=ready]");
        new Uri(page.Url).PathAndQuery.Should().Be($"/board/manage?pool={pool}");
    }

    [Theory]
    [InlineData("zh-CN", "zh-CN", """{"title":"Refused.","detail":"工位编号已存在。","code":"station-exists"}""", "未保存：工位编号已存在。")]
    [InlineData("en-US", "en", """{"title":"Refused.","detail":"The station id is taken.","code":"station-exists"}""", "Not saved: The station id is taken.")]
    [InlineData("zh-CN", "zh-CN", """{"title":"Refused.","code":"station-exists"}""", "未保存：Refused.")]
    public async Task A_refusal_shows_the_problems_detail_else_its_title_and_asks_in_the_pages_language(
        string locale, string acceptLanguage, string problem, string shown)
    {
        await using var context = await SignedInAsync(locale);
        var pool = await PoolAsync(context);
        var page = await context.NewPageAsync();
        var asked = new List<string?>();
        await page.RouteAsync(new Regex($"/api/v1/dispatch/pools/{pool}/roster/copy-week$"), route =>
        {
            asked.Add(route.Request.Headers.GetValueOrDefault("accept-language"));
            return route.FulfillAsync(new() { Status = 409, ContentType = "application/problem+json", Body = problem });
        });
        await page.GotoAsync($"/board/manage?pool={pool}");
        await page.WaitForSelectorAsync("body[data-state=ready]");

        await page.ClickAsync("#copyWeek");

        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(shown);
        asked.Should().Equal(acceptLanguage);
    }
}
