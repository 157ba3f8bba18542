using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CloudFilm.Web.Tests;

/// <summary>Images sent over DICOM show up on the patient's phone, and downloads stream the study.</summary>
[Collection(WebCollection.Name)]
public partial class CloudFilmImagesTests(WebFixture web)
{
    [GeneratedRegex(@"验证码 (\d{6})")]
    private static partial Regex CodePattern();

    private async Task<IPage> VerifiedPageAsync(IBrowserContext context, TestStudies.Published study)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(web.BaseAddress, $"/s/{study.Token}").ToString());
        await page.WaitForSelectorAsync("body[data-state=verify]");
        await page.ClickAsync("#send-code");
        await page.WaitForSelectorAsync("#message:has-text('验证码已发送')");
        await page.FillAsync("#code", CodePattern().Match((await web.LatestSmsAsync(study.Phone))!).Groups[1].Value);
        await page.ClickAsync("#verify");
        await page.WaitForSelectorAsync("body[data-state=study]");
        return page;
    }

    [Fact]
    public async Task Images_sent_over_dicom_show_on_the_phone_with_window_presets_and_scrolling()
    {
        var study = await TestStudies.PublishAsync(web, images: 5);
        await using var context = await web.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = "zh-CN",
        });
        var page = await VerifiedPageAsync(context, study);

        await page.WaitForSelectorAsync(".viewport[data-rendered=high]", new PageWaitForSelectorOptions { Timeout = 20_000 });
        (await page.Locator(".thumb").CountAsync()).Should().Be(1);
        (await page.TextContentAsync(".viewport .label")).Should().Contain("1/5");
        var natural = await page.EvalOnSelectorAsync<int>(".viewport .frame", "i => i.naturalWidth");
        natural.Should().Be(128, "the full image is the sample's 128 columns");

        await page.ClickAsync("[data-preset=lung]");
        await page.WaitForFunctionAsync("() => document.querySelector('.viewport .frame').src.includes('wc=-600')");
        (await page.TextContentAsync(".viewport .label")).Should().Contain("W 1500 L -600");

        await page.Locator(".viewport").HoverAsync();
        await page.Mouse.WheelAsync(0, 120);
        await page.WaitForSelectorAsync(".viewport[data-index='1']");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(web.Artifacts, "patient-images.png"), FullPage = true });
    }

    [Fact]
    public async Task A_download_needs_its_extraction_code_and_streams_the_study_with_a_dicomdir()
    {
        var study = await TestStudies.PublishAsync(web, images: 3);
        await using var context = await web.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
        var page = await VerifiedPageAsync(context, study);

        await page.ClickAsync("#download-dicom");
        await page.WaitForSelectorAsync("#extraction-code");
        var code = (await page.TextContentAsync("#extraction-code"))!;
        var link = (await page.GetAttributeAsync("#download-link", "href"))!;
        (await page.TextContentAsync("#download-size")).Should().EndWith("MB");

        var downloadPage = await context.NewPageAsync();
        await downloadPage.GotoAsync(new Uri(web.BaseAddress, link).ToString());
        await downloadPage.WaitForSelectorAsync("body[data-state=ready]");
        await downloadPage.FillAsync("#code", "AAAAAA");
        await downloadPage.ClickAsync("#go");
        await downloadPage.WaitForSelectorAsync("#message.error");
        await downloadPage.FillAsync("#code", code);
        var download = await downloadPage.RunAndWaitForDownloadAsync(() => downloadPage.ClickAsync("#go"));
        var zipPath = Path.Combine(web.Artifacts, "download.zip");
        await download.SaveAsAsync(zipPath);

        using var zip = ZipFile.OpenRead(zipPath);
        zip.Entries.Select(e => e.FullName).Should().Contain(["DICOMDIR", "README.txt"]);
        zip.Entries.Count(e => e.FullName.StartsWith("DICOM/", StringComparison.Ordinal)).Should().Be(3);
    }

    [Fact]
    public async Task A_grant_works_once_and_a_deidentified_download_names_nobody()
    {
        var study = await TestStudies.PublishAsync(web, images: 2, name: "欧阳娜娜");
        var system = web.SystemClient();
        var share = await (await system.PostAsJsonAsync($"/api/v1/studies/{study.Accession}/shares", new { verification = "none", deidentified = true }))
            .Content.ReadFromJsonAsync<JsonObject>();
        var viewer = new HttpClient { BaseAddress = web.BaseAddress };
        var token = share!["token"]!.GetValue<string>();
        var created = await (await viewer.PostAsJsonAsync($"/api/v1/share/{token}/studies/{study.Accession}/downloads", new { format = "dicom" }))
            .Content.ReadFromJsonAsync<JsonObject>();
        var id = created!["downloadId"]!.GetValue<string>();

        var grant = await (await viewer.PostAsJsonAsync($"/api/v1/downloads/{id}/grant", new { code = created["extractionCode"]!.GetValue<string>() }))
            .Content.ReadFromJsonAsync<JsonObject>();
        var url = grant!["url"]!.GetValue<string>();
        var bytes = await viewer.GetByteArrayAsync(url);
        var again = await viewer.GetAsync(url);

        again.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a grant is single use");
        using var zip = new ZipArchive(new MemoryStream(bytes));
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("DICOM/", StringComparison.Ordinal) || e.FullName == "DICOMDIR"))
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var text = System.Text.Encoding.UTF8.GetString(copy.ToArray());
            text.Should().NotContain("欧阳娜娜").And.NotContain(study.PatientId).And.NotContain(study.Accession);
        }
    }
}
