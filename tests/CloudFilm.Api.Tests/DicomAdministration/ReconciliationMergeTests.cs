using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Query;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;
using CloudFilm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace CloudFilm.Api.Tests.DicomAdministration;

/// <summary>
/// <c>POST /api/v1/reconciliation/{uid}/merge</c> on real files in the blob store the Api reads and a real index:
/// what moves, what the moved files say, and what is refused.
/// </summary>
[Collection(ApiCollection.Name)]
public class ReconciliationMergeTests(ApiFixture fixture)
{
    private readonly HttpClient _system = fixture.SystemClient();
    private readonly BlobStore _blobs = new(ApiHostEnvironment.BlobRoot);

    /// <summary>One patient's study as a modality would send it.</summary>
    private sealed record Study(string Uid, string PatientId, string Issuer, string PatientName, string CharacterSet, string Accession, string Description)
    {
        public static Study New(string patientId, string name = "Zhang^San=张^三", string characterSet = "ISO_IR 192", string description = "胸部 CT") =>
            new(DicomUidGenerator.NewUid(), patientId, "HIS", name, characterSet, "A" + Random.Shared.Next(1_000_000, 9_999_999), description);
    }

    private sealed record Stored(string SopInstanceUid, string SeriesInstanceUid, string Key, byte[] Pixels);

    [Fact]
    public async Task Merging_moves_every_instance_to_the_target_with_rewritten_headers_and_the_replaced_values_kept()
    {
        var patient = "P-" + Guid.NewGuid().ToString("N")[..8];
        var target = Study.New(patient);
        // The second study of the same exam, sent in GB18030 with a temporary accession number and other study text.
        var source = Study.New(patient, characterSet: "GB18030", description: "临时检查") with { Accession = "TMP" + Random.Shared.Next(1000, 9999) };
        var kept = await StoreAsync(target, "CT", 1, "matched");
        var movedA = await StoreAsync(source, "CT", 1, "unmatched", seriesDescription: "增强");
        var movedB = await StoreAsync(source, "SR", 1, "unmatched", seriesDescription: "报告", pixels: false);
        var revisionBefore = await ScalarAsync<long>("SELECT revision FROM dicom_studies WHERE study_instance_uid = @u", target.Uid);

        var response = await _system.PostAsJsonAsync($"/api/v1/reconciliation/{source.Uid}/merge", new { intoStudyInstanceUid = target.Uid });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        body["seriesMoved"]!.GetValue<int>().Should().Be(2);
        body["instancesMoved"]!.GetValue<int>().Should().Be(2);
        body["reason"]!.GetValue<string>().Should().Be("COERCE");

        // Index: the source study is gone, the target counts every series and instance and told its grain anew.
        (await ScalarAsync<long>("SELECT count(*) FROM dicom_studies WHERE study_instance_uid = @u", source.Uid)).Should().Be(0);
        (await ScalarAsync<int>("SELECT instance_count FROM dicom_studies WHERE study_instance_uid = @u", target.Uid)).Should().Be(3);
        (await ScalarAsync<int>("SELECT series_count FROM dicom_studies WHERE study_instance_uid = @u", target.Uid)).Should().Be(3);
        (await ScalarAsync<string[]>("SELECT modalities FROM dicom_studies WHERE study_instance_uid = @u", target.Uid)).Should().Equal("CT", "SR");
        (await ScalarAsync<long>("SELECT revision FROM dicom_studies WHERE study_instance_uid = @u", target.Uid)).Should().BeGreaterThan(revisionBefore);
        (await ScalarAsync<long>("SELECT count(*) FROM dicom_series WHERE study_instance_uid = @u", target.Uid)).Should().Be(3);
        (await ScalarAsync<long>("SELECT count(*) FROM dicom_merges WHERE source_study_instance_uid = @u AND reason = 'COERCE' AND instances_moved = 2", source.Uid))
            .Should().Be(1);

        foreach (var moved in new[] { movedA, movedB })
        {
            var newKey = BlobStore.KeyOf(target.Uid, moved.SopInstanceUid);
            (await ScalarAsync<string>("SELECT blob_key FROM dicom_instances WHERE sop_instance_uid = @u", moved.SopInstanceUid)).Should().Be(newKey);
            (await ScalarAsync<long>("SELECT stored_bytes FROM dicom_instances WHERE sop_instance_uid = @u", moved.SopInstanceUid))
                .Should().Be(new FileInfo(_blobs.PathOf(newKey)).Length);
            _blobs.Exists(moved.Key).Should().BeFalse("the old file is removed once the index points at the new one");

            var file = DicomFile.Open(_blobs.PathOf(newKey), new DicomReadOptions { DeferValuesFromBytes = 0 });
            var ds = file.Dataset;
            ds.GetString(DicomTags.StudyInstanceUID).Should().Be(target.Uid);
            ds.GetString(DicomTags.SOPInstanceUID).Should().Be(moved.SopInstanceUid);
            ds.GetString(DicomTags.SeriesInstanceUID).Should().Be(moved.SeriesInstanceUid);
            file.Meta.GetString(DicomTags.MediaStorageSOPInstanceUID).Should().Be(moved.SopInstanceUid);
            ds.GetString(DicomTags.AccessionNumber).Should().Be(target.Accession);
            ds.GetString(DicomTags.StudyDescription).Should().Be(target.Description);
            ds.GetString(DicomTags.PatientName).Should().Be("Zhang^San=张^三");
            // The target's character set is kept; the source's own text survives the change of set.
            ds.GetString(DicomTags.SpecificCharacterSet).Should().Be("ISO_IR 192");
            ds.GetString(DicomTags.SeriesDescription).Should().Be(moved == movedA ? "增强" : "报告");

            var original = ds.FindSequence(DicomTags.OriginalAttributesSequence)!.Items.Should().ContainSingle().Subject;
            original.GetString(DicomTags.ReasonForTheAttributeModification).Should().Be("COERCE");
            original.GetString(DicomTags.ModifyingSystem).Should().Be("CLOUDFILM");
            original.GetString(DicomTags.SourceOfPreviousValues).Should().Be("CT1");
            original.GetString(DicomTags.AttributeModificationDateTime).Should().MatchRegex(@"^\d{14}\.\d{6}\+0000$");
            var previous = original.FindSequence(DicomTags.ModifiedAttributesSequence)!.Items.Should().ContainSingle().Subject;
            previous.GetString(DicomTags.StudyInstanceUID).Should().Be(source.Uid);
            previous.GetString(DicomTags.AccessionNumber).Should().Be(source.Accession);
            previous.GetString(DicomTags.StudyDescription).Should().Be("临时检查");
            previous.Contains(DicomTags.PatientID).Should().BeFalse("only replaced values are kept, and the patient id did not change");
            PixelBytes(file).Should().Equal(moved.Pixels);
        }
        _blobs.Exists(kept.Key).Should().BeTrue();

        // C-FIND / QIDO at the target finds the moved instances; the source study is no longer found.
        var queries = new IndexQueries(NpgsqlDataSource.Create(fixture.ConnectionString));
        var instances = await queries.FindInstancesAsync(new QueryKeys { ["StudyInstanceUID"] = target.Uid }, 100, default);
        instances.Select(i => i["SOPInstanceUID"]).Should().BeEquivalentTo(kept.SopInstanceUid, movedA.SopInstanceUid, movedB.SopInstanceUid);
        instances.Single(i => i["SOPInstanceUID"] == movedA.SopInstanceUid)[IndexQueries.BlobKey].Should().Be(BlobStore.KeyOf(target.Uid, movedA.SopInstanceUid));
        (await queries.FindStudiesAsync(new QueryKeys { ["StudyInstanceUID"] = source.Uid }, 10, default)).Should().BeEmpty();
        var listed = await _system.GetFromJsonAsync<JsonArray>("/api/v1/reconciliation?limit=1000");
        listed!.Should().NotContain(s => s!["studyInstanceUid"]!.GetValue<string>() == source.Uid);
    }

    [Fact]
    public async Task A_target_of_another_patient_is_refused_unless_the_patient_is_being_corrected()
    {
        var target = Study.New("P-" + Guid.NewGuid().ToString("N")[..8], name: "Li^Si=李^四");
        var source = Study.New("TEMP-" + Guid.NewGuid().ToString("N")[..6], name: "Unknown^Patient");
        await StoreAsync(target, "CT", 1, "matched");
        var moved = await StoreAsync(source, "CT", 1, "patient-mismatch");

        var refused = await _system.PostAsJsonAsync($"/api/v1/reconciliation/{source.Uid}/merge", new { intoStudyInstanceUid = target.Uid });

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["detail"]!.GetValue<string>().Should().Contain("correctPatient");
        problem["refusal"]!.GetValue<string>().Should().Be("different-patient", "pages tell this refusal apart by its code, not its wording");
        problem["code"]!.GetValue<string>().Should().Be("different-patient", "the code keeps the value clients read as refusal");
        problem["type"]!.GetValue<string>().Should().Be("/problems/different-patient");
        _blobs.Exists(moved.Key).Should().BeTrue("nothing moves when the merge is refused");
        (await ScalarAsync<string>("SELECT study_instance_uid FROM dicom_instances WHERE sop_instance_uid = @u", moved.SopInstanceUid)).Should().Be(source.Uid);
        _blobs.Exists(BlobStore.KeyOf(target.Uid, moved.SopInstanceUid)).Should().BeFalse();

        var corrected = await _system.PostAsJsonAsync($"/api/v1/reconciliation/{source.Uid}/merge", new { intoStudyInstanceUid = target.Uid, correctPatient = true });

        corrected.StatusCode.Should().Be(HttpStatusCode.OK);
        (await corrected.Content.ReadFromJsonAsync<JsonObject>())!["reason"]!.GetValue<string>().Should().Be("CORRECT");
        var ds = DicomFile.Open(_blobs.PathOf(BlobStore.KeyOf(target.Uid, moved.SopInstanceUid))).Dataset;
        ds.GetString(DicomTags.PatientID).Should().Be(target.PatientId);
        ds.GetString(DicomTags.PatientName).Should().Be("Li^Si=李^四");
        var original = ds.FindSequence(DicomTags.OriginalAttributesSequence)!.Items.Single();
        original.GetString(DicomTags.ReasonForTheAttributeModification).Should().Be("CORRECT");
        var previous = original.FindSequence(DicomTags.ModifiedAttributesSequence)!.Items.Single();
        previous.GetString(DicomTags.PatientID).Should().Be(source.PatientId);
        previous.GetString(DicomTags.PatientName).Should().Be("Unknown^Patient");
        _blobs.Exists(moved.Key).Should().BeFalse();
        (await ScalarAsync<string>("SELECT study_instance_uid FROM dicom_instances WHERE sop_instance_uid = @u", moved.SopInstanceUid)).Should().Be(target.Uid);
    }

    [Fact]
    public async Task Unknown_studies_are_not_found_and_a_study_is_not_merged_into_itself()
    {
        var patient = "P-" + Guid.NewGuid().ToString("N")[..8];
        var target = Study.New(patient);
        var source = Study.New(patient);
        await StoreAsync(target, "CT", 1, "matched");
        await StoreAsync(source, "CT", 1, "unmatched");

        var unknownSource = await _system.PostAsJsonAsync($"/api/v1/reconciliation/2.25.1234567/merge", new { intoStudyInstanceUid = target.Uid });
        var unknownTarget = await _system.PostAsJsonAsync($"/api/v1/reconciliation/{source.Uid}/merge", new { intoStudyInstanceUid = "2.25.7654321" });
        var itself = await _system.PostAsJsonAsync($"/api/v1/reconciliation/{source.Uid}/merge", new { intoStudyInstanceUid = source.Uid });
        var noTarget = await _system.PostAsJsonAsync($"/api/v1/reconciliation/{source.Uid}/merge", new { });

        unknownSource.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknownSource.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>().Should().Contain("2.25.1234567");
        unknownTarget.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknownTarget.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>().Should().Contain("2.25.7654321");
        itself.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        noTarget.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noTarget.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Should().Equal("intoStudyInstanceUid");
        (await ScalarAsync<long>("SELECT count(*) FROM dicom_studies WHERE study_instance_uid = @u", source.Uid)).Should().Be(1);
    }

    [Fact]
    public async Task A_study_matched_to_its_order_is_not_merged_away()
    {
        var patient = "P-" + Guid.NewGuid().ToString("N")[..8];
        var target = Study.New(patient);
        var matched = Study.New(patient);
        await StoreAsync(target, "CT", 1, "unmatched");
        var instance = await StoreAsync(matched, "CT", 1, "matched");

        var response = await _system.PostAsJsonAsync($"/api/v1/reconciliation/{matched.Uid}/merge", new { intoStudyInstanceUid = target.Uid });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["code"]!.GetValue<string>().Should().Be("not-in-reconciliation");
        problem["title"]!.GetValue<string>().Should().Be("该检查不在待核对列表中。", "without Accept-Language a problem is in Chinese");
        _blobs.Exists(instance.Key).Should().BeTrue();
    }

    [Fact]
    public async Task Merging_needs_the_supervisor_or_admin_role()
    {
        var nurse = fixture.Api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        (await nurse.PostAsJsonAsync("/api/v1/staff/session", new { name = "nurse", password = "nurse-pass-1" })).EnsureSuccessStatusCode();
        var patient = "P-" + Guid.NewGuid().ToString("N")[..8];
        var target = Study.New(patient);
        var source = Study.New(patient);
        await StoreAsync(target, "CT", 1, "matched");
        var instance = await StoreAsync(source, "CT", 1, "unmatched");

        var forbidden = await nurse.PostAsJsonAsync($"/api/v1/reconciliation/{source.Uid}/merge", new { intoStudyInstanceUid = target.Uid });
        var anonymous = await fixture.Api.CreateClient().PostAsJsonAsync($"/api/v1/reconciliation/{source.Uid}/merge", new { intoStudyInstanceUid = target.Uid });

        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        _blobs.Exists(instance.Key).Should().BeTrue();
        (await ScalarAsync<long>("SELECT count(*) FROM dicom_studies WHERE study_instance_uid = @u", source.Uid)).Should().Be(1);
    }

    [Fact]
    public async Task A_merge_that_fails_before_its_commit_leaves_the_old_study_as_it_was_and_no_new_file()
    {
        var patient = "P-" + Guid.NewGuid().ToString("N")[..8];
        var target = Study.New(patient);
        var source = Study.New(patient);
        await StoreAsync(target, "CT", 1, "matched");
        var stored = new[] { await StoreAsync(source, "CT", 1, "unmatched"), await StoreAsync(source, "CT", 2, "unmatched"), await StoreAsync(source, "CT", 3, "unmatched") };
        // The instance the merge rewrites last has lost its file: the others are already written when it fails.
        var last = await ScalarAsync<string>("SELECT max(sop_instance_uid) FROM dicom_instances WHERE study_instance_uid = @u", source.Uid);
        _blobs.Delete(stored.Single(s => s.SopInstanceUid == last).Key);

        var response = await _system.PostAsJsonAsync($"/api/v1/reconciliation/{source.Uid}/merge", new { intoStudyInstanceUid = target.Uid });

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        problem!["detail"]!.GetValue<string>().Should().Contain(last, "the problem names the instance whose stored copy is missing");
        foreach (var instance in stored)
        {
            _blobs.Exists(BlobStore.KeyOf(target.Uid, instance.SopInstanceUid)).Should().BeFalse("a new file nothing points at is removed");
            (await ScalarAsync<string>("SELECT blob_key FROM dicom_instances WHERE sop_instance_uid = @u", instance.SopInstanceUid)).Should().Be(instance.Key);
        }
        stored.Where(s => s.SopInstanceUid != last).Should().OnlyContain(s => _blobs.Exists(s.Key));
        (await ScalarAsync<int>("SELECT instance_count FROM dicom_studies WHERE study_instance_uid = @u", source.Uid)).Should().Be(3);
        (await ScalarAsync<int>("SELECT instance_count FROM dicom_studies WHERE study_instance_uid = @u", target.Uid)).Should().Be(1);
        (await ScalarAsync<long>("SELECT count(*) FROM dicom_merges WHERE source_study_instance_uid = @u", source.Uid)).Should().Be(0);
    }

    [Fact]
    public async Task A_compression_under_way_finishes_first_and_its_jpeg_ls_copy_is_what_moves()
    {
        var patient = "P-" + Guid.NewGuid().ToString("N")[..8];
        var target = Study.New(patient);
        var source = Study.New(patient);
        await StoreAsync(target, "CT", 1, "matched");
        var moved = await StoreAsync(source, "CT", 1, "unmatched", enqueueCompression: true);

        // Act as a compression lane that has taken the queue row and is compressing the stored copy.
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var worker = await dataSource.OpenConnectionAsync();
        await using var transaction = await worker.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("SELECT sop_instance_uid FROM dicom_compression_queue WHERE sop_instance_uid = @u FOR UPDATE", worker, transaction))
        {
            take.Parameters.AddWithValue("u", moved.SopInstanceUid);
            (await take.ExecuteScalarAsync()).Should().Be(moved.SopInstanceUid);
        }

        var merge = _system.PostAsJsonAsync($"/api/v1/reconciliation/{source.Uid}/merge", new { intoStudyInstanceUid = target.Uid });
        var finishedEarly = await Task.WhenAny(merge, Task.Delay(TimeSpan.FromSeconds(1))) == merge;

        var compressed = DicomTranscoder.Transcode(DicomFile.Open(_blobs.PathOf(moved.Key)), DicomTransferSyntax.JPEGLSLossless);
        byte[] fragments;
        using (var stream = _blobs.CreateTemporary())
        {
            compressed.Write(stream);
            stream.Flush(flushToDisk: true);
            _blobs.Commit(stream.Name, moved.Key);
        }
        fragments = PixelBytes(DicomFile.Open(_blobs.PathOf(moved.Key), new DicomReadOptions { DeferValuesFromBytes = 0 }));
        await using (var update = new NpgsqlCommand("""
            UPDATE dicom_instances SET transfer_syntax_uid = '1.2.840.10008.1.2.4.80' WHERE sop_instance_uid = @u;
            DELETE FROM dicom_compression_queue WHERE sop_instance_uid = @u
            """, worker, transaction))
        {
            update.Parameters.AddWithValue("u", moved.SopInstanceUid);
            await update.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        var response = await merge;

        finishedEarly.Should().BeFalse("the merge waits for the compression holding the instance's queue row");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var newKey = BlobStore.KeyOf(target.Uid, moved.SopInstanceUid);
        var file = DicomFile.Open(_blobs.PathOf(newKey), new DicomReadOptions { DeferValuesFromBytes = 0 });
        file.TransferSyntax.Uid.Should().Be(DicomUids.JPEGLSLossless);
        file.Dataset.GetString(DicomTags.StudyInstanceUID).Should().Be(target.Uid);
        PixelBytes(file).Should().Equal(fragments, "the compressed frames are copied, not decoded and encoded again");
        _blobs.Exists(moved.Key).Should().BeFalse("the compression's file at the old key is not left behind");
        (await ScalarAsync<string>("SELECT transfer_syntax_uid FROM dicom_instances WHERE sop_instance_uid = @u", moved.SopInstanceUid))
            .Should().Be(DicomUids.JPEGLSLossless);
    }

    [Fact]
    public async Task Queued_compression_follows_the_instance_to_its_new_key()
    {
        var patient = "P-" + Guid.NewGuid().ToString("N")[..8];
        var target = Study.New(patient);
        var source = Study.New(patient);
        await StoreAsync(target, "CT", 1, "matched");
        var moved = await StoreAsync(source, "CT", 1, "unmatched", enqueueCompression: true);

        (await _system.PostAsJsonAsync($"/api/v1/reconciliation/{source.Uid}/merge", new { intoStudyInstanceUid = target.Uid })).EnsureSuccessStatusCode();

        // What a compression lane reads when it takes the row next: the new key, where the rewritten file is.
        var key = await ScalarAsync<string>("""
            SELECT i.blob_key FROM dicom_compression_queue q JOIN dicom_instances i USING (sop_instance_uid) WHERE q.sop_instance_uid = @u
            """, moved.SopInstanceUid);
        key.Should().Be(BlobStore.KeyOf(target.Uid, moved.SopInstanceUid));
        _blobs.Exists(key).Should().BeTrue();
    }

    /// <summary>
    /// Stores one instance per call as the DICOM front node does (the archive's ingest: file at its key, index row from
    /// its attributes), then the match status the notifier would have written.
    /// </summary>
    private async Task<Stored> StoreAsync(
        Study study, string modality, int number, string matchStatus, string seriesDescription = "", bool pixels = true, bool enqueueCompression = false)
    {
        var sop = DicomUidGenerator.NewUid();
        var series = DicomUidGenerator.NewUid();
        var ds = new DicomDataset();
        ds.Set(DicomTags.SpecificCharacterSet, study.CharacterSet);
        ds.Set(DicomTags.SOPClassUID, pixels ? DicomUids.CTImageStorage : DicomUids.ComprehensiveSRStorage);
        ds.Set(DicomTags.SOPInstanceUID, sop);
        ds.Set(DicomTags.StudyDate, "20261123");
        ds.Set(DicomTags.StudyTime, "101500");
        ds.Set(DicomTags.AccessionNumber, study.Accession);
        ds.Set(DicomTags.Modality, modality);
        ds.Set(DicomTags.ReferringPhysicianName, "Wang^Wu=王^五");
        ds.Set(DicomTags.StudyDescription, study.Description);
        ds.Set(DicomTags.SeriesDescription, seriesDescription);
        ds.Set(DicomTags.PatientName, study.PatientName);
        ds.Set(DicomTags.PatientID, study.PatientId);
        ds.Set(DicomTags.IssuerOfPatientID, study.Issuer);
        ds.Set(DicomTags.PatientBirthDate, "19800101");
        ds.Set(DicomTags.PatientSex, "M");
        ds.Set(DicomTags.StudyInstanceUID, study.Uid);
        ds.Set(DicomTags.SeriesInstanceUID, series);
        ds.Set(DicomTags.StudyID, "1");
        ds.Set(DicomTags.SeriesNumber, number);
        ds.Set(DicomTags.InstanceNumber, number);
        var pixelBytes = Array.Empty<byte>();
        if (pixels)
        {
            const int size = 32;
            pixelBytes = new byte[size * size * 2];
            for (var i = 0; i < size * size; i++)
            {
                var value = 500 + (i % size) * 3 + i / size;
                pixelBytes[2 * i] = (byte)value;
                pixelBytes[2 * i + 1] = (byte)(value >> 8);
            }
            ds.Set(DicomTags.SamplesPerPixel, (ushort)1);
            ds.Set(DicomTags.PhotometricInterpretation, "MONOCHROME2");
            ds.Set(DicomTags.Rows, (ushort)size);
            ds.Set(DicomTags.Columns, (ushort)size);
            ds.Set(DicomTags.BitsAllocated, (ushort)16);
            ds.Set(DicomTags.BitsStored, (ushort)12);
            ds.Set(DicomTags.HighBit, (ushort)11);
            ds.Set(DicomTags.PixelRepresentation, (ushort)0);
            ds.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OW, pixelBytes));
        }

        var key = (await fixture.ArchiveAsync([new DicomFile(ds, DicomTransferSyntax.ExplicitVRLittleEndian)], enqueueCompression)).Single().BlobKey;

        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var mark = dataSource.CreateCommand("UPDATE dicom_studies SET match_status = @m, notified_revision = revision WHERE study_instance_uid = @u");
        mark.Parameters.AddWithValue("m", matchStatus);
        mark.Parameters.AddWithValue("u", study.Uid);
        await mark.ExecuteNonQueryAsync();
        return new Stored(sop, series, key, pixelBytes);
    }

    /// <summary>The bytes of Pixel Data as stored: the native value, or the encapsulated fragments one after another.</summary>
    private static byte[] PixelBytes(DicomFile file) => file.Dataset.Find(DicomTags.PixelData) switch
    {
        DicomElement e => e.Buffer.Memory.ToArray(),
        DicomFragmentSequence f => [.. f.Fragments.SelectMany(b => b.Memory.ToArray())],
        null => [],
        var other => throw new InvalidOperationException($"unexpected pixel data {other}"),
    };

    private async Task<T> ScalarAsync<T>(string sql, string uid)
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("u", uid);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
