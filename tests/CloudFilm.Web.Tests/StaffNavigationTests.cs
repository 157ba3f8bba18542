using Microsoft.Playwright;

namespace CloudFilm.Web.Tests;

/// <summary>The links between the staff pages, in Chromium.</summary>
[Collection(WebCollection.Name)]
public class StaffNavigationTests(WebFixture web)
{
    [Fact]
    public async Task Staff_pages_link_to_each_other_in_the_pages_language_and_mark_where_one_is()
    {
        await using var context = await web.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = web.BaseAddress.ToString(), Locale = "zh-CN" });
        (await context.APIRequest.PostAsync("/api/v1/staff/session", new() { DataObject = new { name = "admin", password = "admin-pass-1" } })).Ok.Should().BeTrue();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/reconciliation");
        await page.WaitForSelectorAsync("body[data-state=ready]");

        var links = page.Locator("header nav.staff-nav a");
        (await links.AllTextContentsAsync()).Should().Equal("派单看板", "工位与排班", "我的工作列表", "影像核对");
        (await page.GetAttributeAsync("nav.staff-nav a[aria-current=page]", "href")).Should().Be("/reconciliation");

        await page.ClickAsync("#lang");
        await Assertions.Expect(links.First).ToHaveTextAsync("Dispatch board");
        (await links.AllTextContentsAsync()).Should().Equal("Dispatch board", "Stations & rosters", "My worklist", "Image reconciliation");

        await page.ClickAsync("nav.staff-nav a[href='/worklist']");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/worklist$"));
        await Assertions.Expect(page.Locator("nav.staff-nav a[aria-current=page]")).ToHaveAttributeAsync("href", "/worklist");
        (await page.Locator("header nav.staff-nav a").AllTextContentsAsync()).Should().Contain("My worklist", "the language chosen stays");
    }

    [Fact]
    public async Task The_dispatch_pages_keep_their_pool_also_on_the_way_back_from_another_page()
    {
        await using var context = await web.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = web.BaseAddress.ToString(), Locale = "zh-CN" });
        (await context.APIRequest.PostAsync("/api/v1/staff/session", new() { DataObject = new { name = "admin", password = "admin-pass-1" } })).Ok.Should().BeTrue();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/worklist?pool=east-ct");

        (await page.GetAttributeAsync("nav.staff-nav a[aria-current=page]", "href")).Should().Be("/worklist?pool=east-ct");
        (await page.GetAttributeAsync("nav.staff-nav a:first-child", "href")).Should().Be("/board?pool=east-ct");

        await page.GotoAsync("/reconciliation");
        await page.WaitForSelectorAsync("body[data-state=ready]");
        (await page.GetAttributeAsync("nav.staff-nav a:first-child", "href")).Should().Be("/board?pool=east-ct");
        (await page.GetAttributeAsync("nav.staff-nav a[aria-current=page]", "href")).Should().Be("/reconciliation");
    }
}
