using System.Text.Json.Nodes;

namespace CloudFilm.Api.Tests.Reports;

/// <summary>Report bodies as a nuclear-medicine or RIS system sends them.</summary>
public static class ReportRequests
{
    public static JsonObject Report(string status = "final", string patientId = "P0001", string findings = "双肺纹理清晰，未见明确结节。", string? phone = "13800138000") => new()
    {
        ["patient"] = new JsonObject { ["id"] = patientId, ["issuer"] = "HOSP", ["name"] = "张三", ["sex"] = "M", ["birthDate"] = "1980-02-03", ["phone"] = phone },
        ["examItem"] = "胸部CT平扫",
        ["examType"] = "CT",
        ["examTime"] = "2026-11-23T09:30:00+08:00",
        ["findings"] = findings,
        ["impression"] = "胸部CT平扫未见明显异常。",
        ["advice"] = "定期复查。",
        ["reportingDoctor"] = "李医生",
        ["reviewingDoctor"] = "王主任",
        ["reportedAt"] = "2026-11-23T10:00:00+08:00",
        ["reviewedAt"] = "2026-11-23T10:30:00+08:00",
        ["status"] = status,
    };

    /// <summary>A phone number no other test uses, so SMS throttles of one test don't touch another.</summary>
    public static string UniquePhone() => "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
