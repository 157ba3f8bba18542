using System.Net;
using System.Text;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;
using CloudFilm.Grains.Abstractions.Reports;
using CloudFilm.Grains.Abstractions.Studies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.Sharing;

/// <summary>
/// For reporting and printing systems: the QR code of a study's patient link, and a printable A4 report page with
/// that code in a corner. Both need a system key: the page shows the report without the patient's verification.
/// </summary>
public static class PrintApi
{
    public static WebApplication MapPrintApi(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapGet("/studies/{key}/qr.png", async (string key, IClusterClient cluster, ShareLinks links) =>
                await TokenAsync(cluster, key) is { } token ? Results.File(QrCodes.Png(links.PatientPage(token)), "image/png") : NotPublished(key))
            .WithTags("Cloud film (print)").RequireSystemKey().WithName("GetStudyQrPng")
            .WithSummary("QR code (PNG) of the patient's cloud film link; 409 until a final report exists.");
        api.MapGet("/studies/{key}/qr.svg", async (string key, IClusterClient cluster, ShareLinks links) =>
                await TokenAsync(cluster, key) is { } token ? Results.Text(QrCodes.Svg(links.PatientPage(token)), "image/svg+xml") : NotPublished(key))
            .WithTags("Cloud film (print)").RequireSystemKey().WithName("GetStudyQrSvg")
            .WithSummary("QR code (SVG) of the patient's cloud film link; 409 until a final report exists.");
        app.MapGet("/r/{token}", PrintableReportAsync).WithTags("Cloud film (print)").RequireSystemKey().WithName("PrintableReport")
            .WithSummary("Printable A4 report page with the QR code of the patient's link.");
        return app;
    }

    private static async Task<string?> TokenAsync(IClusterClient cluster, string key) =>
        await cluster.GetGrain<IStudyGrain>(StudyKeys.GrainKey(key)).GetPatientShareTokenAsync();

    private static IResult NotPublished(string key) => ProblemCatalogue.FilmNotPublished.Answer(key);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> PrintableReportAsync(string token, IClusterClient cluster, ShareLinks links)
    {
        var view = await cluster.Session(token).GetAsync();
        if (view is null)
        {
            return ShareAccessGuard.Problem(Grains.Abstractions.Sharing.ShareAccessState.Unknown);
        }
        var grain = cluster.GetGrain<IStudyGrain>(StudyKeys.GrainKey(view.StudyKey));
        var study = (await grain.GetAsync())!;
        var report = (await grain.GetReportHistoryAsync()).LastOrDefault(v => v.Content.Status is ReportStatus.Final or ReportStatus.Amended);
        if (report is null)
        {
            return ProblemCatalogue.NoFinalReport.Answer();
        }
        return TypedResults.Content(Render(study, report, links.HospitalName, QrCodes.Svg(links.PatientPage(token), 4)), "text/html; charset=utf-8");
    }

    private static string Render(StudySnapshot study, ReportVersion report, string hospital, string qrSvg)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var r = report.Content;
        var p = study.Patient;
        var html = new StringBuilder();
        html.Append($$"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>{{E(hospital)}} 影像检查报告 {{E(study.StudyKey)}}</title>
            <style>
            @page { size: A4; margin: 18mm 16mm; }
            body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; color: #111; max-width: 178mm; margin: 0 auto; }
            header { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 2px solid #111; padding-bottom: 4mm; }
            h1 { font-size: 18pt; margin: 0 0 2mm; } .qr { width: 32mm; text-align: center; font-size: 8pt; } .qr svg { width: 30mm; height: 30mm; }
            table.meta { width: 100%; border-collapse: collapse; margin: 4mm 0; font-size: 10pt; } table.meta td { padding: 1mm 2mm 1mm 0; }
            h2 { font-size: 12pt; margin: 5mm 0 2mm; } .text { white-space: pre-wrap; font-size: 11pt; line-height: 1.6; }
            footer { margin-top: 10mm; font-size: 10pt; display: flex; justify-content: space-between; border-top: 1px solid #999; padding-top: 3mm; }
            </style></head><body>
            <header><div><h1>{{E(hospital)}}</h1><div>影像检查报告 / Imaging report</div></div>
            <div class="qr">{{qrSvg}}<div>扫码查看云胶片</div></div></header>
            <table class="meta">
            <tr><td>姓名：{{E(p.Name)}}</td><td>性别：{{E(Studies.RegisterStudyValidator.SexCode(p.Sex))}}</td><td>出生日期：{{E(p.BirthDate?.ToString("yyyy-MM-dd"))}}</td></tr>
            <tr><td>患者号：{{E(p.PatientId)}}</td><td>检查号：{{E(study.Order.AccessionNumber)}}</td><td>检查项目：{{E(r.ExamItem)}}</td></tr>
            <tr><td>院区：{{E(study.Order.Campus)}}</td><td>科室：{{E(study.Order.Department)}}</td><td>检查时间：{{E(r.ExamTime?.ToString("yyyy-MM-dd HH:mm"))}}</td></tr>
            </table>
            <h2>检查所见</h2><div class="text">{{E(r.Findings)}}</div>
            <h2>诊断结论</h2><div class="text">{{E(r.Impression)}}</div>
            """);
        if (!string.IsNullOrWhiteSpace(r.Advice))
        {
            html.Append($"<h2>建议</h2><div class=\"text\">{E(r.Advice)}</div>");
        }
        html.Append($$"""
            <footer><span>报告医生：{{E(r.ReportingDoctor)}} {{E(r.ReportedAt.ToString("yyyy-MM-dd HH:mm"))}}</span>
            <span>审核医生：{{E(r.ReviewingDoctor)}} {{E(r.ReviewedAt?.ToString("yyyy-MM-dd HH:mm"))}}</span></footer>
            </body></html>
            """);
        return html.ToString();
    }
}
