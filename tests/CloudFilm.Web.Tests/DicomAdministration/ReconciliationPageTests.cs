using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFilm.Dicom.Uids;
using Microsoft.Playwright;

namespace CloudFilm.Web.Tests.DicomAdministration;

/// <summary>
/// The reconciliation page in Chromium: studies sent over DICOM to the fixture's front node that matched no order are
/// listed, linked to their order, or merged into another study, the way a supervisor would do it.
/// </summary>
[Collection(WebCollection.Name)]
public class ReconciliationPageTests(WebFixture web)
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    private async Task<IBrowserContext> SignedInAsync(string name = "admin", string password = "admin-pass-1")
    {
        var context = await web.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = web.BaseAddress.ToString(), Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        (await context.APIRequest.PostAsync("/api/v1/staff/session", new() { DataObject = new { name, password } })).Ok.Should().BeTrue();
        return context;
    }

    /// <summary>Sends a study of <paramref name="count"/> images and waits until the reconciliation list shows all of them.</summary>
    private async Task<string> SendUnmatchedAsync(string accession, string patientId, string name, int count, string? studyInstanceUid = null)
    {
        var uid = studyInstanceUid ?? DicomUidGenerator.NewUid();
        await TestStudies.StoreAsync(web, uid, accession, patientId, name, count);
        var client = web.SystemClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var listed = await client.GetFromJsonAsync<JsonArray>("/api/v1/reconciliation?limit=1000");
            if (listed!.Any(s => s!["studyInstanceUid"]!.GetValue<string>() == uid && s["instanceCount"]!.GetValue<int>() >= count))
            {
                return uid;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"study {uid} did not reach the reconciliation list within 30 s");
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/reconciliation");
        await page.WaitForSelectorAsync("body[data-state=ready]");
        return page;
    }

    /// <summary>Opens the row's merge form (unless it is open), fills it in, reads the confirmation and confirms.</summary>
    private static async Task MergeFromPageAsync(IPage page, string source, string target, bool correctPatient)
    {
        var form = page.Locator($"tr[data-form-for='{source}']");
        if (await form.CountAsync() == 0)
        {
            await page.ClickAsync($"tr[data-uid='{source}'] button[data-action=merge-open]");
        }
        await form.Locator("input.into-uid").FillAsync(target);
        await form.Locator("input.correct-patient").SetCheckedAsync(correctPatient);
        await form.Locator("button[data-action=merge-next]").ClickAsync();
        (await form.Locator(".confirm").TextContentAsync()).Should().Contain("无法撤销", "a merge rewrites the images and is confirmed first");
        await form.Locator("button[data-action=merge]").ClickAsync();
    }

    [Fact]
    public async Task An_unmatched_study_is_listed_with_its_chinese_name_and_linking_it_to_its_order_shows_the_images_with_the_order()
    {
        var accession = Unique("W");
        var patientId = Unique("P");
        await TestStudies.RegisterAsync(web, accession, patientId, "王五");
        // The modality typed a wrong accession number: the images wait for reconciliation.
        var uid = await SendUnmatchedAsync(Unique("TYPO"), patientId, "王五", 2);
        await using var context = await SignedInAsync();
        var page = await OpenAsync(context);

        var row = page.Locator($"tr[data-uid='{uid}']");
        (await row.Locator("td.name").TextContentAsync()).Should().Be("王五");
        (await row.Locator(".badge").TextContentAsync()).Should().Be("未匹配");
        (await row.Locator("td.patient").TextContentAsync()).Should().Be(patientId + "@HOSP");
        (await row.Locator("td.counts").TextContentAsync()).Should().Be("1 / 2");
        (await page.Locator("#studies tbody tr[data-uid]").First.GetAttributeAsync("data-uid")).Should().Be(uid, "the newest arrival is listed first");

        await row.Locator("button[data-action=match]").ClickAsync();
        var form = page.Locator($"tr[data-form-for='{uid}']");
        await form.Locator("input.study-key").FillAsync(Unique("NOSUCH"));
        await form.Locator("button[data-action=link]").ClickAsync();
        await form.Locator(".hint:has-text('没有以此检查号登记的检查单')").WaitForAsync(new() { Timeout = 5000 });
        (await form.Locator(".error").TextContentAsync()).Should().StartWith("操作失败：").And.Contain("下没有登记的检查", "the problem's Chinese detail follows");

        await form.Locator("input.study-key").FillAsync(accession);
        await form.Locator("button[data-action=link]").ClickAsync();

        await row.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 5000 });
        (await page.TextContentAsync("#message")).Should().Be("已关联到检查单 " + accession);
        await page.WaitForSelectorAsync("body[data-state=ready]");
        (await page.Locator($"tr[data-uid='{uid}']").CountAsync()).Should().Be(0, "a reload of the list does not bring it back");
        var client = web.SystemClient();
        var images = await client.GetFromJsonAsync<JsonObject>($"/api/v1/studies/{accession}/images");
        images!["studies"]!.AsArray().Select(s => s!["study"]!["studyInstanceUid"]!.GetValue<string>()).Should().Equal(uid);
        // The front node tells the order's grain about the link shortly after.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var shown = 0;
        while (shown < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            var study = await client.GetFromJsonAsync<JsonObject>($"/api/v1/studies/{accession}");
            shown = study?["images"]?["instances"]?.GetValue<int>() ?? 0;
        }
        shown.Should().Be(2, "the order shows the linked study's images");
        await page.ScreenshotAsync(new() { Path = Path.Combine(web.Artifacts, "reconciliation-matched.png"), FullPage = true });
    }

    [Fact]
    public async Task A_second_study_of_the_same_patient_is_merged_into_the_other_from_the_page()
    {
        var patientId = Unique("P");
        var target = await SendUnmatchedAsync(Unique("TMP"), patientId, "赵六", 2);
        var source = await SendUnmatchedAsync(Unique("TMP"), patientId, "赵六", 1);
        await using var context = await SignedInAsync();
        var page = await OpenAsync(context);

        await MergeFromPageAsync(page, source, target, correctPatient: false);

        await page.Locator($"tr[data-uid='{source}']").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        (await page.TextContentAsync("#message")).Should().Be("已合并到目标检查：移动 1 个序列、1 幅图像。");
        await page.WaitForSelectorAsync($"tr[data-uid='{target}'] td.counts:text-is('2 / 3')", new() { Timeout = 5000 });
        var listed = await web.SystemClient().GetFromJsonAsync<JsonArray>("/api/v1/reconciliation?limit=1000");
        listed!.Select(s => s!["studyInstanceUid"]!.GetValue<string>()).Should().Contain(target).And.NotContain(source);
    }

    [Fact]
    public async Task A_merge_into_another_patients_study_explains_the_conflict_and_succeeds_once_the_patient_is_corrected()
    {
        var target = await SendUnmatchedAsync(Unique("TMP"), Unique("P"), "钱七", 1);
        var source = await SendUnmatchedAsync(Unique("TMP"), Unique("TEMP"), "孙八", 1);
        await using var context = await SignedInAsync();
        var page = await OpenAsync(context);

        await MergeFromPageAsync(page, source, target, correctPatient: false);

        var form = page.Locator($"tr[data-form-for='{source}']");
        // The problem's own words (its detail, in the page's language) follow "操作失败："; the page adds what to do.
        await form.Locator(".error:has-text('操作失败：')").WaitForAsync(new() { Timeout = 10_000 });
        (await form.Locator(".error").TextContentAsync()).Should().Contain("目标检查的患者号或签发机构不同");
        (await form.Locator(".hint").TextContentAsync()).Should().Contain("请勾选“更正患者身份”");
        (await page.Locator($"tr[data-uid='{source}']").CountAsync()).Should().Be(1, "nothing was merged");
        await page.ScreenshotAsync(new() { Path = Path.Combine(web.Artifacts, "reconciliation-conflict.png"), FullPage = true });

        await MergeFromPageAsync(page, source, target, correctPatient: true);

        await page.Locator($"tr[data-uid='{source}']").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        (await page.TextContentAsync("#message")).Should().StartWith("已合并到目标检查");
        await page.WaitForSelectorAsync($"tr[data-uid='{target}'] td.counts:text-is('2 / 2')", new() { Timeout = 5000 });
        (await page.TextContentAsync($"tr[data-uid='{target}'] td.name")).Should().Be("钱七");
        await page.ScreenshotAsync(new() { Path = Path.Combine(web.Artifacts, "reconciliation-merged.png"), FullPage = true });
    }

    [Fact]
    public async Task The_page_switches_to_english()
    {
        var uid = await SendUnmatchedAsync(Unique("TMP"), Unique("P"), "周九", 1);
        // Images under a registered order's accession number but of another patient id.
        var accession = Unique("W");
        await TestStudies.RegisterAsync(web, accession, Unique("P"), "吴十");
        var mismatch = await SendUnmatchedAsync(accession, Unique("P"), "郑十一", 1);
        await using var context = await SignedInAsync();
        var page = await OpenAsync(context);
        (await page.TextContentAsync("h1")).Should().Be("影像核对");
        (await page.TextContentAsync($"tr[data-uid='{mismatch}'] .badge")).Should().Be("患者不符");

        await page.ClickAsync("#lang");

        (await page.TextContentAsync("h1")).Should().Be("Image reconciliation");
        (await page.Locator("#studies thead th").AllTextContentsAsync()).Should().StartWith(["Status", "Accession", "Patient id", "Name"]);
        (await page.TextContentAsync($"tr[data-uid='{uid}'] button[data-action=match]")).Should().Be("Link to order");
        (await page.TextContentAsync($"tr[data-uid='{uid}'] .badge")).Should().Be("Unmatched");
        (await page.TextContentAsync($"tr[data-uid='{mismatch}'] .badge")).Should().Be("Patient mismatch");
        (await page.GetAttributeAsync("html", "lang")).Should().Be("en");
    }

    [Fact]
    public async Task The_list_refreshes_itself_every_30_seconds_but_not_while_a_form_is_open()
    {
        var first = await SendUnmatchedAsync(Unique("TMP"), Unique("P"), "冯一", 1);
        await using var context = await SignedInAsync();
        var page = await context.NewPageAsync();
        await page.Clock.InstallAsync();
        await page.GotoAsync("/reconciliation");
        await page.WaitForSelectorAsync($"body[data-state=ready] tr[data-uid='{first}']");

        await page.ClickAsync($"tr[data-uid='{first}'] button[data-action=match]");
        await page.FillAsync($"tr[data-form-for='{first}'] input.study-key", "A-TYPED");
        var second = await SendUnmatchedAsync(Unique("TMP"), Unique("P"), "陈二", 1);
        await page.Clock.RunForAsync(31_000);
        await Task.Delay(1000);
        (await page.Locator($"tr[data-uid='{second}']").CountAsync()).Should().Be(0, "no refresh while a form is being filled in");
        (await page.InputValueAsync($"tr[data-form-for='{first}'] input.study-key")).Should().Be("A-TYPED");

        await page.ClickAsync($"tr[data-form-for='{first}'] button[data-action=cancel]");
        await page.Clock.RunForAsync(31_000);
        await page.Locator($"tr[data-uid='{second}']").WaitForAsync(new() { Timeout = 5000 });
        (await page.Locator("#studies tbody tr[data-uid]").First.GetAttributeAsync("data-uid")).Should().Be(second);
    }

    [Fact]
    public async Task A_nurse_without_the_role_is_told_she_may_not_reconcile()
    {
        await using var context = await SignedInAsync("nurse", "nurse-pass-1");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/reconciliation");

        await page.WaitForSelectorAsync("body[data-state=denied]");
        (await page.TextContentAsync("#denied")).Should().Be("您的账号没有影像核对权限（需要主管或管理员角色）。");
        (await page.IsVisibleAsync("#denied")).Should().BeTrue();
        (await page.IsVisibleAsync("#studies")).Should().BeFalse();
    }

    [Fact]
    public async Task Without_a_session_the_page_asks_for_sign_in_and_comes_back()
    {
        await using var context = await web.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = web.BaseAddress.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/reconciliation");
        await page.WaitForSelectorAsync("body[data-state=sign-in]");
        page.Url.Should().Contain("/login?ReturnUrl=%2Freconciliation");

        await page.FillAsync("#name", "admin");
        await page.FillAsync("#password", "admin-pass-1");
        await page.ClickAsync("#sign-in");

        await page.WaitForSelectorAsync("body[data-state=ready]");
        new Uri(page.Url).AbsolutePath.Should().Be("/reconciliation");
    }
}
