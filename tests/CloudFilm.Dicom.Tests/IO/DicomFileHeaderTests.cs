using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.IO;

public sealed class DicomFileHeaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cf-header-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Offset_points_at_the_first_data_set_element_for_every_writable_syntax()
    {
        foreach (var syntax in new[] { DicomTransferSyntax.ImplicitVRLittleEndian, DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.DeflatedExplicitVRLittleEndian })
        {
            var path = Write(Instance("1.9." + syntax.Uid.Length), syntax);

            var header = DicomFileHeader.Read(path);

            header.TransferSyntaxUid.Should().Be(syntax.Uid);
            header.SopClassUid.Should().Be(DicomUids.CTImageStorage);
            var rest = File.ReadAllBytes(path)[(int)header.DataSetOffset..];
            DicomDatasetReader.Read(rest, syntax).GetString(DicomTags.SOPInstanceUID).Should().Be(header.SopInstanceUid);
        }
    }

    [Fact]
    public void A_bare_data_set_gives_its_own_uids_a_sniffed_syntax_and_offset_zero()
    {
        var path = Path.Combine(_folder, "bare.dcm");
        File.WriteAllBytes(path, DicomDatasetWriter.ToBytes(Instance("1.9.7"), DicomTransferSyntax.ExplicitVRLittleEndian));

        DicomFileHeader.Read(path).Should().Be(new DicomFileHeader(DicomUids.CTImageStorage, "1.9.7", DicomUids.ExplicitVRLittleEndian, 0));
    }

    [Fact]
    public void Meta_without_sop_uids_is_refused_with_the_path()
    {
        var path = Path.Combine(_folder, "nouids.dcm");
        var file = new DicomFile(new DicomDataset(), DicomTransferSyntax.ExplicitVRLittleEndian);
        file.Save(path);

        var act = () => DicomFileHeader.Read(path);

        act.Should().Throw<DicomFormatException>().WithMessage($"{path}: meta information without the SOP Class and Instance UIDs*");
    }

    [Fact]
    public void Garbage_is_a_format_error_not_a_crash()
    {
        var path = Path.Combine(_folder, "garbage.dcm");
        File.WriteAllBytes(path, [0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3, 4, 5, 6, 7, 8]);

        var act = () => DicomFileHeader.Read(path);

        act.Should().Throw<DicomFormatException>();
    }

    [Fact]
    public void A_built_header_matches_what_the_file_writer_produces_for_the_same_instance()
    {
        var dataset = Instance("1.9.8");
        var written = new MemoryStream();
        new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian).Write(written);
        var built = DicomFileHeader.Build(DicomUids.CTImageStorage, "1.9.8", DicomUids.ExplicitVRLittleEndian);

        written.ToArray()[..built.Length].Should().Equal(built, "there is one meta writer");
        DicomFileHeader.Build(DicomUids.CTImageStorage, "1.9.8", DicomUids.ExplicitVRLittleEndian, "MODALITY").Length
            .Should().Be(built.Length + 8 + 8, "(0002,0016) AE adds an 8-byte header and the 8-byte padded title");
    }

    [Fact]
    public void Network_names_are_the_core_values()
    {
        DicomUids.ImplementationClassUid.Should().Be(DicomUids.ImplementationClassUid);
        DicomUids.ImplicitVRLittleEndian.Should().Be(DicomUids.ImplicitVRLittleEndian);
    }

    private static DicomDataset Instance(string sopInstance)
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.SOPClassUID, DicomUids.CTImageStorage);
        dataset.Set(DicomTags.SOPInstanceUID, sopInstance);
        dataset.Set(DicomTags.PatientName, "Doe^Jane");
        return dataset;
    }

    private string Write(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".dcm");
        new DicomFile(dataset, syntax).Save(path);
        return path;
    }
}
