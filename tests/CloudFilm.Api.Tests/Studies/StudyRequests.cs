using System.Text.Json.Nodes;

namespace CloudFilm.Api.Tests.Studies;

/// <summary>Builds registration bodies as JSON, so tests can also break them in ways a typed object cannot.</summary>
public static class StudyRequests
{
    public static JsonObject Registration(string accession, string patientId = "P0001", string name = "张三") => new()
    {
        ["patient"] = new JsonObject
        {
            ["id"] = patientId,
            ["issuer"] = "HOSP",
            ["name"] = name,
            ["sex"] = "M",
            ["birthDate"] = "1980-02-03",
            ["phone"] = "13800138000",
        },
        ["order"] = new JsonObject
        {
            ["accessionNumber"] = accession,
            ["campus"] = "东院",
            ["department"] = "放射科",
            ["modality"] = "CT",
            ["examItem"] = "胸部CT平扫",
            ["bodyPart"] = "胸部",
            ["priority"] = "urgent",
            ["patientType"] = "physical-exam",
            ["vip"] = true,
        },
    };

    public static string UniqueAccession() => "T" + Guid.NewGuid().ToString("N")[..12];

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
