using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;
using CloudFilm.Testing;

namespace CloudFilm.Web.Tests;

/// <summary>Registers a study, sends it images over DICOM (dcmtk's storescu) and reports it final.</summary>
public static partial class TestStudies
{
    private const string Sample = "/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm";

    [GeneratedRegex(@"/s/([A-Za-z0-9_-]{22})")]
    private static partial Regex LinkPattern();

    public sealed record Published(string Accession, string PatientId, string Phone, string Token);

    public static async Task<Published> PublishAsync(WebFixture web, int images = 0, string name = "张三")
    {
        var accession = "W" + Guid.NewGuid().ToString("N")[..12];
        var patientId = "P" + accession;
        var phone = "137" + Random.Shared.Next(10_000_000, 99_999_999);
        var system = web.SystemClient();
        (await system.PostAsJsonAsync("/api/v1/studies", new
        {
            patient = new { id = patientId, issuer = "HOSP", name, sex = "M", birthDate = "1980-02-03", phone },
            order = new { accessionNumber = accession, campus = "东院", department = "放射科", modality = "CT", examItem = "胸部CT平扫", priority = "routine", patientType = "outpatient" },
        })).EnsureSuccessStatusCode();
        if (images > 0)
        {
            await SendImagesAsync(web, accession, patientId, name, images);
        }
        (await system.PostAsJsonAsync($"/api/v1/studies/{accession}/reports", new
        {
            patient = new { id = patientId, issuer = "HOSP", name, phone },
            examItem = "胸部CT平扫", findings = "双肺纹理清晰，未见明确结节。", impression = "胸部CT平扫未见明显异常。",
            reportingDoctor = "李医生", reportedAt = "2026-11-23T10:00:00+08:00", status = "final",
        })).EnsureSuccessStatusCode();
        var token = LinkPattern().Match((await web.LatestSmsAsync(phone))!).Groups[1].Value;
        return new Published(accession, patientId, phone, token);
    }

    /// <summary>Registers an order (no images, no report) for a patient of issuer HOSP.</summary>
    public static async Task RegisterAsync(WebFixture web, string accession, string patientId, string name)
    {
        (await web.SystemClient().PostAsJsonAsync("/api/v1/studies", new
        {
            patient = new { id = patientId, issuer = "HOSP", name, sex = "M", birthDate = "1980-02-03", phone = "137" + Random.Shared.Next(10_000_000, 99_999_999) },
            order = new { accessionNumber = accession, campus = "东院", department = "放射科", modality = "CT", examItem = "胸部CT平扫", priority = "routine", patientType = "outpatient" },
        })).EnsureSuccessStatusCode();
    }

    /// <summary>A CT series made from a real sample, labelled with the order's accession and patient, sent with storescu.</summary>
    private static async Task SendImagesAsync(WebFixture web, string accession, string patientId, string name, int count)
    {
        await StoreAsync(web, DicomUidGenerator.NewUid(), accession, patientId, name, count);
        // The node tells the study's grain after indexing; wait until the Api sees every image.
        var client = web.SystemClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var images = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/studies/{accession}");
            if (images?["images"]?["instances"]?.GetValue<int>() >= count)
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the {count} images sent for {accession} did not reach the study within 30 s");
    }

    /// <summary>
    /// One new CT series of <paramref name="count"/> images in DICOM study <paramref name="studyInstanceUid"/>, made from a
    /// real sample with the given accession and patient (issuer HOSP), sent to the fixture's front node with storescu.
    /// </summary>
    public static async Task StoreAsync(WebFixture web, string studyInstanceUid, string accession, string patientId, string name, int count)
    {
        if (!File.Exists(Sample))
        {
            throw new InvalidOperationException($"{Sample} is missing: install python3-pydicom (./cloudfilm test does)");
        }
        var folder = Directory.CreateTempSubdirectory("cf-web-series").FullName;
        try
        {
            var series = DicomUidGenerator.NewUid();
            var files = new List<string>();
            for (var i = 1; i <= count; i++)
            {
                var file = DicomFile.Open(Sample);
                var ds = file.Dataset;
                ds.Set(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
                ds.Set(DicomTags.PatientName, DicomVR.PN, name);
                ds.Set(DicomTags.PatientID, DicomVR.LO, patientId);
                ds.Set(DicomTags.IssuerOfPatientID, DicomVR.LO, "HOSP");
                ds.Set(DicomTags.AccessionNumber, DicomVR.SH, accession);
                ds.Set(DicomTags.StudyInstanceUID, DicomVR.UI, studyInstanceUid);
                ds.Set(DicomTags.SeriesInstanceUID, DicomVR.UI, series);
                ds.Set(DicomTags.SOPInstanceUID, DicomVR.UI, DicomUidGenerator.NewUid());
                ds.Set(DicomTags.InstanceNumber, DicomVR.IS, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var path = Path.Combine(folder, $"{i:D3}.dcm");
                new DicomFile(ds, file.TransferSyntax).Save(path);
                files.Add(path);
            }
            await Task.Run(() => ExternalProcess.Run("/usr/bin/storescu",
                ["-aet", "STORESCU", "-aec", "CLOUDFILM", "127.0.0.1", web.DicomPort.ToString(System.Globalization.CultureInfo.InvariantCulture), .. files]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
