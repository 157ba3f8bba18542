using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CloudFilm.Web.Tests;

/// <summary>The patient's cloud film page on a phone-sized screen, as a patient would use it after scanning the QR code.</summary>
[Collection(WebCollection.Name)]
public partial class PatientPageTests(WebFixture web)
{
    [GeneratedRegex(@"/s/([A-Za-z0-9_-]{22})")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"验证码 (\d{6})")]
    private static partial Regex CodePattern();

    private static BrowserNewContextOptions Phone() => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        Locale = "zh-CN",
        UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47",
    };

    [Fact]
    public async Task A_patient_opens_the_link_verifies_by_sms_and_reads_the_report()
    {
        var accession = "W" + Guid.NewGuid().ToString("N")[..12];
        var phone = "137" + Random.Shared.Next(10_000_000, 99_999_999);
        var system = web.SystemClient();
        (await system.PostAsJsonAsync("/api/v1/studies", new
        {
            patient = new { id = "P" + accession, issuer = "HOSP", name = "张三", sex = "M", birthDate = "1980-02-03", phone },
            order = new { accessionNumber = accession, campus = "东院", department = "放射科", modality = "CT", examItem = "胸部CT平扫", priority = "routine", patientType = "outpatient" },
        })).EnsureSuccessStatusCode();
        (await system.PostAsJsonAsync($"/api/v1/studies/{accession}/reports", new
        {
            patient = new { id = "P" + accession, issuer = "HOSP", name = "张三", phone },
            examItem = "胸部CT平扫", findings = "双肺纹理清晰，未见明确结节。", impression = "胸部CT平扫未见明显异常。",
            reportingDoctor = "李医生", reportedAt = "2026-11-23T10:00:00+08:00", status = "final",
        })).EnsureSuccessStatusCode();
        var token = LinkPattern().Match((await web.LatestSmsAsync(phone))!).Groups[1].Value;

        await using var context = await web.Browser.NewContextAsync(Phone());
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(web.BaseAddress, $"/s/{token}").ToString());
        await page.WaitForSelectorAsync("body[data-state=verify]");
        (await page.TextContentAsync("#main")).Should().Contain(phone[..3] + "****" + phone[^4..]);

        await page.ClickAsync("#send-code");
        await page.WaitForSelectorAsync("#message:has-text('验证码已发送')");
        var code = CodePattern().Match((await web.LatestSmsAsync(phone))!).Groups[1].Value;
        await page.FillAsync("#code", code);
        await page.ClickAsync("#verify");
        await page.WaitForSelectorAsync("body[data-state=study]");

        (await page.TextContentAsync("#patient-name")).Should().Be("张三");
        (await page.TextContentAsync("#findings")).Should().Be("双肺纹理清晰，未见明确结节。");
        (await page.TextContentAsync("#impression")).Should().Be("胸部CT平扫未见明显异常。");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(web.Artifacts, "patient-study-zh.png"), FullPage = true });

        await page.ClickAsync("#lang");
        await page.WaitForSelectorAsync("#report h2:text-is('Report')");
        (await page.TextContentAsync("footer")).Should().Contain("not a basis for diagnosis");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(web.Artifacts, "patient-study-en.png"), FullPage = true });
    }

    [Fact]
    public async Task An_unknown_link_says_it_is_not_valid()
    {
        await using var context = await web.Browser.NewContextAsync(Phone());
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(web.BaseAddress, "/s/AAAAAAAAAAAAAAAAAAAAAA").ToString());
        await page.WaitForSelectorAsync("body[data-state=unknown]");

        (await page.TextContentAsync("#main")).Should().Contain("链接无效");
    }
}
