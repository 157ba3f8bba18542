using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Network;

public sealed class FolderArchiveTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cf-archive-" + Guid.NewGuid().ToString("N"));
    private readonly FolderArchive _archive;

    public FolderArchiveTests()
    {
        Directory.CreateDirectory(_folder);
        Write("1.1.1", "1.1", "ZHANG^SAN", "P1", "20260101");
        Write("1.1.2", "1.1", "ZHANG^SAN", "P1", "20260101");
        Write("1.2.1", "1.2", "LI^SI", "P2", "20260315");
        Write("1.3.1", "1.3", "ZHANG^WEI", "P3", "20261120");
        _archive = new FolderArchive(_folder);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string sop, string study, string name, string patientId, string date)
    {
        var dataset = new DicomDataset()
            .Set(DicomTags.SOPClassUID, DicomVR.UI, DicomUids.CTImageStorage)
            .Set(DicomTags.SOPInstanceUID, DicomVR.UI, sop)
            .Set(DicomTags.StudyDate, DicomVR.DA, date)
            .Set(DicomTags.PatientName, DicomVR.PN, name)
            .Set(DicomTags.PatientID, DicomVR.LO, patientId)
            .Set(DicomTags.StudyInstanceUID, DicomVR.UI, study)
            .Set(DicomTags.SeriesInstanceUID, DicomVR.UI, study + ".9");
        new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian).Save(Path.Combine(_folder, sop + ".dcm"));
    }

    private static readonly AssociationInfo Association = new()
    {
        CallingAeTitle = "SCU",
        CalledAeTitle = "SCP",
        RemoteEndPoint = "127.0.0.1:1",
        PresentationContexts = [],
    };

    private async Task<List<DicomDataset>> FindAsync(string level, params (ushort Group, ushort Element, DicomVR Vr, string Value)[] keys)
    {
        var query = new DicomDataset().Set(DicomTags.QueryRetrieveLevel, DicomVR.CS, level);
        foreach (var (group, element, vr, value) in keys)
        {
            query.Set(new DicomTag(group, element), vr, value);
        }

        var request = new FindRequest(Association, 1, DicomUids.StudyRootQueryRetrieveInformationModelFind, DicomUids.ExplicitVRLittleEndian,
            DicomDatasetWriter.ToBytes(query, DicomTransferSyntax.ExplicitVRLittleEndian), 0);
        var results = new List<DicomDataset>();
        await foreach (var match in _archive.FindAsync(request, CancellationToken.None))
        {
            results.Add(DicomDatasetReader.Read(match.Identifier, DicomTransferSyntax.ExplicitVRLittleEndian));
        }

        return results;
    }

    private static string? Study(DicomDataset d) => d.GetString(DicomTags.StudyInstanceUID);

    [Fact]
    public async Task Wildcards_match_per_ps3_4_and_each_study_is_returned_once()
    {
        var results = await FindAsync("STUDY", (0x0010, 0x0010, DicomVR.PN, "ZHANG*"), (0x0020, 0x000D, DicomVR.UI, ""));
        results.Select(Study).Should().BeEquivalentTo("1.1", "1.3");
        results.Should().OnlyContain(d => d.GetString(DicomTags.QueryRetrieveLevel) == "STUDY");
        (await FindAsync("STUDY", (0x0010, 0x0010, DicomVR.PN, "?I^SI"), (0x0020, 0x000D, DicomVR.UI, ""))).Select(Study).Should().Equal("1.2");
    }

    [Fact]
    public async Task Date_ranges_and_uid_lists_match()
    {
        (await FindAsync("STUDY", (0x0008, 0x0020, DicomVR.DA, "20260301-20261231"), (0x0020, 0x000D, DicomVR.UI, "")))
            .Select(Study).Should().BeEquivalentTo("1.2", "1.3");
        (await FindAsync("STUDY", (0x0008, 0x0020, DicomVR.DA, "-20260101"), (0x0020, 0x000D, DicomVR.UI, "")))
            .Select(Study).Should().Equal("1.1");
        (await FindAsync("STUDY", (0x0020, 0x000D, DicomVR.UI, "1.1\\1.3"))).Select(Study).Should().BeEquivalentTo("1.1", "1.3");
    }

    [Fact]
    public async Task Image_level_returns_each_instance_and_requested_keys_only()
    {
        var results = await FindAsync("IMAGE", (0x0020, 0x000D, DicomVR.UI, "1.1"), (0x0008, 0x0018, DicomVR.UI, ""));
        results.Select(d => d.GetString(DicomTags.SOPInstanceUID)).Should().BeEquivalentTo("1.1.1", "1.1.2");
        results.Should().OnlyContain(d => !d.Contains(DicomTags.PatientName));
    }

    [Fact]
    public async Task An_unknown_level_is_refused_with_a_status()
    {
        var act = () => FindAsync("VOLUME");
        (await act.Should().ThrowAsync<DimseStatusException>()).Which.Status.Should().Be(DimseStatus.DataSetDoesNotMatchSopClass);
    }

    [Fact]
    public async Task Retrieve_resolves_matching_instances_with_their_data_set_offset()
    {
        var query = new DicomDataset().Set(DicomTags.QueryRetrieveLevel, DicomVR.CS, "STUDY").Set(DicomTags.StudyInstanceUID, DicomVR.UI, "1.1");
        var request = new RetrieveRequest(Association, 1, DicomUids.StudyRootQueryRetrieveInformationModelMove, DicomUids.ImplicitVRLittleEndian,
            DicomDatasetWriter.ToBytes(query, DicomTransferSyntax.ImplicitVRLittleEndian), 0, "DEST");

        var items = await _archive.ResolveAsync(request, CancellationToken.None);

        items.Select(i => i.SopInstanceUid).Should().BeEquivalentTo("1.1.1", "1.1.2");
        await using var data = await items[0].OpenDataSet(items[0].TransferSyntaxUid, CancellationToken.None);
        var dataset = DicomDatasetReader.Read(data, DicomTransferSyntax.Lookup(items[0].TransferSyntaxUid));
        dataset.GetString(DicomTags.SOPInstanceUID).Should().Be(items[0].SopInstanceUid);
    }
}
