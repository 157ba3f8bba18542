using System.Reflection;
using CloudFilm.Dicom.Network;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Uids;

public class DicomUidsTests
{
    [Fact]
    public void Uids_are_named_by_the_keyword_of_the_standards_table()
    {
        DicomUids.Verification.Should().Be("1.2.840.10008.1.1");
        DicomUids.CTImageStorage.Should().Be("1.2.840.10008.5.1.4.1.1.2");
        DicomUids.ExplicitVRLittleEndian.Should().Be("1.2.840.10008.1.2.1");
        DicomUids.JPEGLSLossless.Should().Be("1.2.840.10008.1.2.4.80");
        DicomUids.StudyRootQueryRetrieveInformationModelMove.Should().Be("1.2.840.10008.5.1.4.1.2.2.2");
        DicomUids.ModalityWorklistInformationModelFind.Should().Be("1.2.840.10008.5.1.4.31");
        DicomUids.DICOMApplicationContext.Should().Be("1.2.840.10008.3.1.1.1");
    }

    [Fact]
    public void Every_known_transfer_syntax_has_the_catalogue_name_of_its_uid()
    {
        var catalogue = typeof(DicomUids).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        var syntaxes = typeof(DicomTransferSyntax).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DicomTransferSyntax))
            .ToList();

        syntaxes.Should().HaveCount(DicomTransferSyntax.All.Count);
        foreach (var field in syntaxes)
        {
            catalogue.Should().ContainKey(field.Name);
            ((DicomTransferSyntax)field.GetValue(null)!).Uid.Should().Be(catalogue[field.Name], field.Name);
        }
    }

    [Fact]
    public void Implementation_identity_fits_its_value_representations()
    {
        DicomUids.ImplementationClassUid.Length.Should().BeLessThanOrEqualTo(64, "a UI value is at most 64 characters (PS3.5 §6.2)");
        DicomUids.ImplementationVersionName.Length.Should().BeLessThanOrEqualTo(16, "the version name is an SH (PS3.7 D.3.3.2)");
    }

    [Theory]
    [InlineData(DicomUids.PatientRootQueryRetrieveInformationModelFind, true, false, false)]
    [InlineData(DicomUids.StudyRootQueryRetrieveInformationModelFind, true, false, false)]
    [InlineData(DicomUids.PatientRootQueryRetrieveInformationModelMove, false, true, false)]
    [InlineData(DicomUids.StudyRootQueryRetrieveInformationModelMove, false, true, false)]
    [InlineData(DicomUids.PatientRootQueryRetrieveInformationModelGet, false, false, true)]
    [InlineData(DicomUids.StudyRootQueryRetrieveInformationModelGet, false, false, true)]
    [InlineData(DicomUids.ModalityWorklistInformationModelFind, false, false, false)]
    [InlineData(DicomUids.CTImageStorage, false, false, false)]
    public void Query_retrieve_models_are_told_apart_by_service(string uid, bool find, bool move, bool get)
    {
        QueryRetrieveModels.IsFind(uid).Should().Be(find);
        QueryRetrieveModels.IsMove(uid).Should().Be(move);
        QueryRetrieveModels.IsGet(uid).Should().Be(get);
        QueryRetrieveModels.IsAny(uid).Should().Be(find || move || get);
    }
}
