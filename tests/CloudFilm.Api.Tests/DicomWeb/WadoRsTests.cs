using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;
using CloudFilm.Testing;
using Microsoft.AspNetCore.WebUtilities;
using SkiaSharp;

namespace CloudFilm.Api.Tests.DicomWeb;

/// <summary>WADO-RS and WADO-URI through the real Api host, answers checked with dcmtk and pydicom.</summary>
[Collection(ApiCollection.Name)]
public sealed class WadoRsTests(ApiFixture fixture) : IDisposable
{
    private readonly HttpClient _client = fixture.SystemClient();
    private readonly string _dir = Directory.CreateTempSubdirectory("cloudfilm-wado-").FullName;
    private readonly TestSeries _series = new() { Size = 32 };

    /// <summary>Three CT images stored as received (Explicit VR LE) and a fourth stored JPEG-LS lossless, as the archive keeps compressed copies.</summary>
    private async Task<(string Study, string Series, string[] Sops)> ArchiveAsync()
    {
        var files = Enumerable.Range(1, 4).Select(n => new DicomFile(_series.Instance(n), DicomTransferSyntax.ExplicitVRLittleEndian)).ToArray();
        files[3] = DicomTranscoder.Transcode(files[3], DicomTransferSyntax.JPEGLSLossless);
        await fixture.ArchiveAsync(files);
        return (_series.StudyInstanceUid, _series.SeriesInstanceUid, [.. files.Select(f => f.Dataset.GetString(DicomTags.SOPInstanceUID)!)]);
    }

    private string InstanceUrl(string sop) => $"/dicomweb/studies/{_series.StudyInstanceUid}/series/{_series.SeriesInstanceUid}/instances/{sop}";

    private async Task<HttpResponseMessage> GetAsync(string url, string? accept = null, Action<HttpRequestMessage>? more = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        more?.Invoke(request);
        return await _client.SendAsync(request);
    }

    private static async Task<List<(string ContentType, byte[] Body)>> PartsAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("multipart/related");
        var boundary = response.Content.Headers.ContentType.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var reader = new MultipartReader(boundary, await response.Content.ReadAsStreamAsync());
        var parts = new List<(string, byte[])>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            using var memory = new MemoryStream();
            await section.Body.CopyToAsync(memory);
            parts.Add((section.ContentType!, memory.ToArray()));
        }
        return parts;
    }

    /// <summary>What pydicom says about the answer against the original: the same data set and the same pixels after decompression.</summary>
    private string Compare(byte[] answer, string syntax, int number)
    {
        var original = Path.Combine(_dir, $"original-{number}.dcm");
        new DicomFile(_series.Instance(number), DicomTransferSyntax.ExplicitVRLittleEndian).Save(original); // its SOP Instance UID is new: not compared
        var received = Path.Combine(_dir, $"received-{Guid.NewGuid():N}.dcm");
        File.WriteAllBytes(received, answer);
        var decompressor = syntax switch
        {
            DicomUids.JPEGLSLossless or DicomUids.JPEGLSNearLossless => "dcmdjpls",
            DicomUids.JPEGLossless or DicomUids.JPEGLosslessSV1 => "dcmdjpeg",
            DicomUids.RLELossless => "dcmdrle",
            _ => null,
        };
        if (decompressor is not null)
        {
            var plain = received + ".plain.dcm";
            ExternalProcess.Run(ExternalProcess.Locate(decompressor), [received, plain]);
            received = plain;
        }
        return ExternalProcess.Run("/usr/bin/python3", ["-c", """
            import sys, pydicom
            a = pydicom.dcmread(sys.argv[1]); b = pydicom.dcmread(sys.argv[2])
            skip = {0x7FE00010, 0x00080018}
            da = {e.tag: e.value for e in a if e.tag not in skip}
            db = {e.tag: e.value for e in b if e.tag not in skip}
            diff = [str(t) for t in set(da) | set(db) if da.get(t) != db.get(t)]
            print("pixels-equal" if a.pixel_array.tobytes() == b.pixel_array.tobytes() else "pixels-differ", "diff:" + ",".join(sorted(diff)))
            """, original, received]).Trim();
    }

    [Theory]
    [InlineData(null, DicomUids.ExplicitVRLittleEndian)]
    [InlineData(DicomUids.ExplicitVRLittleEndian, DicomUids.ExplicitVRLittleEndian)]
    [InlineData(DicomUids.DeflatedExplicitVRLittleEndian, DicomUids.DeflatedExplicitVRLittleEndian)]
    [InlineData(DicomUids.RLELossless, DicomUids.RLELossless)]
    [InlineData(DicomUids.JPEGLosslessSV1, DicomUids.JPEGLosslessSV1)]
    [InlineData(DicomUids.JPEGLossless, DicomUids.JPEGLossless)]
    [InlineData(DicomUids.JPEGLSLossless, DicomUids.JPEGLSLossless)]
    [InlineData("*", DicomUids.ExplicitVRLittleEndian)]
    public async Task An_instance_comes_back_as_stored_in_each_syntax_the_toolkit_encodes(string? asked, string expected)
    {
        var (_, _, sops) = await ArchiveAsync();
        var accept = asked is null ? "multipart/related; type=\"application/dicom\"" : $"multipart/related; type=\"application/dicom\"; transfer-syntax={asked}";

        var parts = await PartsAsync(await GetAsync(InstanceUrl(sops[0]), accept));

        parts.Should().ContainSingle();
        parts[0].ContentType.Should().Be($"application/dicom; transfer-syntax={expected}");
        Compare(parts[0].Body, expected, 1).Should().Be("pixels-equal diff:");
    }

    [Fact]
    public async Task A_study_streams_every_instance_and_star_gives_the_stored_jpeg_ls_as_it_is()
    {
        var (study, _, sops) = await ArchiveAsync();

        var stored = await PartsAsync(await GetAsync($"/dicomweb/studies/{study}", "multipart/related; type=\"application/dicom\"; transfer-syntax=*"));
        var plain = await PartsAsync(await GetAsync($"/dicomweb/studies/{study}", "application/dicom"));

        stored.Select(p => p.ContentType).Should().Equal(
            [.. Enumerable.Repeat($"application/dicom; transfer-syntax={DicomUids.ExplicitVRLittleEndian}", 3), $"application/dicom; transfer-syntax={DicomUids.JPEGLSLossless}"]);
        Compare(stored[3].Body, DicomUids.JPEGLSLossless, 4).Should().Be("pixels-equal diff:");
        plain.Should().HaveCount(4).And.OnlyContain(p => p.ContentType.EndsWith(DicomUids.ExplicitVRLittleEndian, StringComparison.Ordinal));
        Compare(plain[3].Body, DicomUids.ExplicitVRLittleEndian, 4).Should().Be("pixels-equal diff:");
        sops.Should().HaveCount(4);
    }

    [Fact]
    public async Task A_syntax_the_server_cannot_produce_is_406()
    {
        var (_, _, sops) = await ArchiveAsync();

        var response = await GetAsync(InstanceUrl(sops[0]), $"multipart/related; type=\"application/dicom\"; transfer-syntax={DicomUids.JPEGBaseline8Bit}");

        response.StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"not-acceptable\"");
    }

    [Fact]
    public async Task Frames_come_uncompressed_or_as_the_stored_jpeg_ls()
    {
        var (_, _, sops) = await ArchiveAsync();

        var native = await PartsAsync(await GetAsync(InstanceUrl(sops[3]) + "/frames/1", "multipart/related; type=\"application/octet-stream\""));
        var compressed = await PartsAsync(await GetAsync(InstanceUrl(sops[3]) + "/frames/1", "multipart/related; type=\"image/jls\""));
        var star = await PartsAsync(await GetAsync(InstanceUrl(sops[0]) + "/frames/1", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*"));
        var encoded = await PartsAsync(await GetAsync(InstanceUrl(sops[0]) + "/frames/1", $"multipart/related; type=\"image/jls\"; transfer-syntax={DicomUids.JPEGLSLossless}"));
        var past = await GetAsync(InstanceUrl(sops[0]) + "/frames/2");
        var bad = await GetAsync(InstanceUrl(sops[0]) + "/frames/one");

        native.Single().ContentType.Should().Be($"application/octet-stream; transfer-syntax={DicomUids.ExplicitVRLittleEndian}");
        native.Single().Body.Should().Equal(_series.Pixels(4));
        compressed.Single().ContentType.Should().Be($"image/jls; transfer-syntax={DicomUids.JPEGLSLossless}");
        compressed.Single().Body.Take(2).Should().Equal(new byte[] { 0xFF, 0xD8 });
        var decoded = new byte[_series.Pixels(4).Length];
        CloudFilm.Dicom.Codecs.PixelCodecRegistry.Get(DicomUids.JPEGLSLossless).Decode(compressed.Single().Body, PixelFormatReader.Read(_series.Instance(4)), decoded);
        decoded.Should().Equal(_series.Pixels(4));
        star.Single().Body.Should().Equal(_series.Pixels(1));
        encoded.Single().ContentType.Should().StartWith("image/jls");
        past.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await past.Content.ReadAsStringAsync()).Should().Contain("dicom-frame-not-found");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Series_metadata_lists_every_instance_without_pixels_and_its_bulk_data_uri_resolves()
    {
        var (study, series, sops) = await ArchiveAsync();

        var response = await GetAsync($"/dicomweb/studies/{study}/series/{series}/metadata");
        var text = await response.Content.ReadAsStringAsync();
        var metadata = JsonNode.Parse(text)!.AsArray();
        var pixelUri = metadata[0]!["7FE00010"]!["BulkDataURI"]!.GetValue<string>();
        var pixels = await PartsAsync(await GetAsync(new Uri(pixelUri).PathAndQuery));
        var again = await GetAsync($"/dicomweb/studies/{study}/series/{series}/metadata", more: r => r.Headers.IfNoneMatch.Add(response.Headers.ETag!));

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/dicom+json");
        response.Headers.CacheControl!.Private.Should().BeTrue();
        metadata.Should().HaveCount(4);
        metadata.Select(m => m!["00080018"]!["Value"]![0]!.GetValue<string>()).Should().Equal(sops);
        metadata[0]!["00100010"]!["Value"]![0]!["Alphabetic"]!.GetValue<string>().Should().Be("Zhang^San");
        metadata.Should().OnlyContain(m => m!["7FE00010"]!["Value"] == null && m["7FE00010"]!["InlineBinary"] == null);
        pixels.Single().Body.Should().Equal(_series.Pixels(1));
        again.StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Rendered_and_thumbnail_images_decode_at_the_asked_viewport()
    {
        var (study, series, sops) = await ArchiveAsync();

        var jpeg = await GetAsync(InstanceUrl(sops[3]) + "/rendered?viewport=16,16&window=1000,400,linear", "image/jpeg");
        var png = await GetAsync(InstanceUrl(sops[0]) + "/frames/1/rendered", "image/png");
        var thumbnail = await GetAsync($"/dicomweb/studies/{study}/series/{series}/thumbnail");
        var again = await GetAsync(InstanceUrl(sops[0]) + "/frames/1/rendered", "image/png", r => r.Headers.IfNoneMatch.Add(png.Headers.ETag!));
        var gif = await GetAsync(InstanceUrl(sops[0]) + "/rendered", "image/gif");

        jpeg.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        using (var bitmap = SKBitmap.Decode(await jpeg.Content.ReadAsByteArrayAsync()))
        {
            (bitmap.Width, bitmap.Height).Should().Be((16, 16));
        }
        png.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        using (var bitmap = SKBitmap.Decode(await png.Content.ReadAsByteArrayAsync()))
        {
            (bitmap.Width, bitmap.Height).Should().Be((32, 32));
        }
        SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync()).Should().NotBeNull();
        again.StatusCode.Should().Be(HttpStatusCode.NotModified);
        gif.StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task Wado_uri_answers_a_dicom_file_and_a_jpeg()
    {
        var (study, series, sops) = await ArchiveAsync();
        var query = $"/wado?requestType=WADO&studyUID={study}&seriesUID={series}&objectUID={sops[3]}";

        var dicom = await GetAsync(query + "&contentType=application/dicom");
        var anonymous = await GetAsync(query + "&contentType=application/dicom&anonymize=yes");
        var jpeg = await GetAsync(query + "&contentType=image/jpeg&rows=16&columns=16&windowCenter=1000&windowWidth=400");
        var wrong = await GetAsync($"/wado?requestType=WADO&studyUID={study}&seriesUID={series}");

        dicom.Content.Headers.ContentType!.MediaType.Should().Be("application/dicom");
        Compare(await dicom.Content.ReadAsByteArrayAsync(), DicomUids.ExplicitVRLittleEndian, 4).Should().Be("pixels-equal diff:");
        var deidentified = DicomFile.Read(new MemoryStream(await anonymous.Content.ReadAsByteArrayAsync())).Dataset;
        deidentified.GetString(DicomTags.PatientName).Should().Be("ANONYMOUS");
        deidentified.GetString(DicomTags.SOPInstanceUID).Should().Be(sops[3]);
        using (var bitmap = SKBitmap.Decode(await jpeg.Content.ReadAsByteArrayAsync()))
        {
            (bitmap.Width, bitmap.Height).Should().Be((16, 16));
        }
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_study_series_or_instance_is_404_and_no_credentials_is_401()
    {
        var (study, _, sops) = await ArchiveAsync();

        var unknown = await GetAsync($"/dicomweb/studies/{DicomUidGenerator.NewUid()}/metadata");
        var otherSeries = await GetAsync($"/dicomweb/studies/{study}/series/{DicomUidGenerator.NewUid()}/instances/{sops[0]}");
        var anonymous = await fixture.Api.CreateClient().GetAsync($"/dicomweb/studies/{study}/metadata");
        var anonymousUri = await fixture.Api.CreateClient().GetAsync($"/wado?requestType=WADO&studyUID={study}&seriesUID=1&objectUID=2");

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("dicom-study-not-found");
        otherSeries.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherSeries.Content.ReadAsStringAsync()).Should().Contain("dicom-instance-not-found");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymousUri.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
