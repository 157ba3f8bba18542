using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Deidentification;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Deidentification;

public class DeidentifierTests
{
    private static DicomDataset Patient()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        ds.Set(DicomTags.SOPClassUID, DicomVR.UI, DicomUids.CTImageStorage);
        ds.Set(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3.4.5.6.1");
        ds.Set(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.3.4.5");
        ds.Set(DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.3.4.5.6");
        ds.Set(DicomTags.FrameOfReferenceUID, DicomVR.UI, "1.2.3.4.9");
        ds.Set(DicomTags.PatientName, DicomVR.PN, "Zhang^San=张^三");
        ds.Set(DicomTags.PatientID, DicomVR.LO, "P0001");
        ds.Set(DicomTags.PatientBirthDate, DicomVR.DA, "19800203");
        ds.Set(DicomTags.PatientSex, DicomVR.CS, "M");
        ds.Set(DicomTags.PatientAge, DicomVR.AS, "046Y");
        ds.Set(DicomTags.PatientTelephoneNumbers, DicomVR.SH, "13800138000");
        ds.Set(DicomTags.PatientAddress, DicomVR.LO, "北京市海淀区某街1号");
        ds.Set(DicomTags.AccessionNumber, DicomVR.SH, "A0001");
        ds.Set(DicomTags.StudyDate, DicomVR.DA, "20261123");
        ds.Set(DicomTags.ReferringPhysicianName, DicomVR.PN, "Li^Si");
        ds.Set(DicomTags.InstitutionName, DicomVR.LO, "云影医院");
        ds.Set(DicomTags.StationName, DicomVR.SH, "CT-EAST-01");
        ds.Set(DicomTags.StudyDescription, DicomVR.LO, "胸部CT平扫");
        ds.Set(DicomTags.Modality, DicomVR.CS, "CT");
        var creator = ds.GetOrReservePrivateTag(0x0029, "SIEMENS CSA HEADER", 0x10);
        ds.Set(creator, DicomVR.LO, "private value naming 张三");
        var reference = new DicomDataset();
        reference.Set(DicomTags.ReferencedSOPClassUID, DicomVR.UI, DicomUids.CTImageStorage);
        reference.Set(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, "1.2.3.4.5.6.1");
        reference.Set(DicomTags.PatientName, DicomVR.PN, "Zhang^San");
        ds.Add(new DicomSequence(DicomTags.ReferencedImageSequence, reference));
        return ds;
    }

    private static (DicomDataset Dataset, DeidentificationResult Result) Deidentify(DeidentificationOptions? options = null, UidMap? map = null)
    {
        var ds = Patient();
        var result = new Deidentifier(options ?? new DeidentificationOptions(), map ?? new UidMap(new byte[32])).Apply(ds);
        return (ds, result);
    }

    [Fact]
    public void Direct_identifiers_are_replaced_or_removed()
    {
        var (ds, _) = Deidentify();

        ds.GetString(DicomTags.PatientName).Should().Be("ANONYMOUS");
        ds.GetString(DicomTags.PatientID).Should().Be("ANON");
        ds.GetString(DicomTags.PatientBirthDate).Should().BeNullOrEmpty();
        ds.Contains(DicomTags.PatientTelephoneNumbers).Should().BeFalse("phone numbers are removed");
        ds.Contains(DicomTags.PatientAddress).Should().BeFalse("addresses are removed");
        ds.GetString(DicomTags.AccessionNumber).Should().BeNullOrEmpty();
        ds.GetString(DicomTags.ReferringPhysicianName).Should().BeNullOrEmpty();
        ds.Contains(DicomTags.StationName).Should().BeFalse("station names identify the device");
    }

    [Fact]
    public void Private_elements_and_their_creators_are_removed() =>
        Deidentify().Dataset.Should().NotContain(item => item.Tag.IsPrivate);

    [Fact]
    public void Sequences_are_walked()
    {
        var (ds, _) = Deidentify();
        var item = ds.FindSequence(DicomTags.ReferencedImageSequence)!.Items.Single();
        item.Contains(DicomTags.PatientName).Should().BeTrue();
        item.GetString(DicomTags.PatientName).Should().Be("ANONYMOUS");
    }

    [Fact]
    public void Instance_uids_are_replaced_consistently_and_class_uids_kept()
    {
        var (ds, _) = Deidentify();

        var sop = ds.GetString(DicomTags.SOPInstanceUID)!;
        sop.Should().StartWith("2.25.").And.NotBe("1.2.3.4.5.6.1");
        sop.Length.Should().BeLessThanOrEqualTo(64);
        ds.GetString(DicomTags.SOPClassUID).Should().Be(DicomUids.CTImageStorage);
        var reference = ds.FindSequence(DicomTags.ReferencedImageSequence)!.Items.Single();
        reference.GetString(DicomTags.ReferencedSOPInstanceUID).Should().Be(sop, "references still point at the same instance");
        reference.GetString(DicomTags.ReferencedSOPClassUID).Should().Be(DicomUids.CTImageStorage);
        ds.GetString(DicomTags.FrameOfReferenceUID).Should().NotBe("1.2.3.4.9");
    }

    [Fact]
    public void Different_exports_cannot_be_linked_by_uid()
    {
        var first = Deidentify(map: UidMap.Random()).Dataset.GetString(DicomTags.StudyInstanceUID);
        var second = Deidentify(map: UidMap.Random()).Dataset.GetString(DicomTags.StudyInstanceUID);
        first.Should().NotBe(second);
    }

    [Fact]
    public void The_cloud_film_options_keep_dates_characteristics_institution_and_descriptions()
    {
        var (ds, _) = Deidentify();

        ds.GetString(DicomTags.StudyDate).Should().Be("20261123");
        ds.GetString(DicomTags.PatientSex).Should().Be("M");
        ds.GetString(DicomTags.PatientAge).Should().Be("046Y");
        ds.GetString(DicomTags.InstitutionName).Should().Be("云影医院");
        ds.GetString(DicomTags.StudyDescription).Should().Be("胸部CT平扫");
    }

    [Fact]
    public void Without_the_options_dates_characteristics_and_institution_go_too()
    {
        var (ds, _) = Deidentify(new DeidentificationOptions { RetainDates = false, RetainPatientCharacteristics = false, RetainInstitutionIdentity = false });

        ds.GetString(DicomTags.StudyDate).Should().BeNullOrEmpty();
        ds.GetString(DicomTags.PatientSex).Should().BeNullOrEmpty();
        ds.Contains(DicomTags.PatientAge).Should().BeFalse();
        ds.Contains(DicomTags.InstitutionName).Should().BeFalse();
        ds.GetString(DicomTags.LongitudinalTemporalInformationModified).Should().Be("REMOVED");
    }

    [Fact]
    public void The_result_is_declared_with_the_profile_codes()
    {
        var (ds, _) = Deidentify();

        ds.GetString(DicomTags.PatientIdentityRemoved).Should().Be("YES");
        ds.FindSequence(DicomTags.DeidentificationMethodCodeSequence)!.Items.Select(i => i.GetString(DicomTags.CodeValue))
            .Should().Equal("113100", "113106", "113108", "113112");
        ds.GetString(DicomTags.LongitudinalTemporalInformationModified).Should().Be("UNMODIFIED");
    }

    [Fact]
    public void Applying_twice_declares_once()
    {
        var ds = Patient();
        var deidentifier = new Deidentifier(new DeidentificationOptions(), UidMap.Random());
        deidentifier.Apply(ds);
        deidentifier.Apply(ds);
        ds.FindSequence(DicomTags.DeidentificationMethodCodeSequence)!.Items.Should().HaveCount(4);
    }

    [Theory]
    [InlineData("CT", null, false)]
    [InlineData("US", null, true)]
    [InlineData("US", "NO", false)]
    [InlineData("CT", "YES", true)]
    [InlineData("SC", null, true)]
    public void Pixels_that_may_show_text_are_flagged(string modality, string? burnedIn, bool expected)
    {
        var ds = Patient();
        ds.Set(DicomTags.Modality, DicomVR.CS, modality);
        if (burnedIn is not null)
        {
            ds.Set(DicomTags.BurnedInAnnotation, DicomVR.CS, burnedIn);
        }

        new Deidentifier(new DeidentificationOptions(), UidMap.Random()).Apply(ds).MayContainBurnedInText.Should().Be(expected);
    }

    [Fact]
    public void Chinese_text_that_is_kept_round_trips_in_the_data_sets_character_set()
    {
        var (ds, _) = Deidentify();
        var bytes = CloudFilm.Dicom.IO.DicomDatasetWriter.ToBytes(ds, CloudFilm.Dicom.Uids.DicomTransferSyntax.ExplicitVRLittleEndian);
        var back = CloudFilm.Dicom.IO.DicomDatasetReader.Read(bytes, CloudFilm.Dicom.Uids.DicomTransferSyntax.ExplicitVRLittleEndian);
        back.GetString(DicomTags.StudyDescription).Should().Be("胸部CT平扫");
        back.GetString(DicomTags.InstitutionName).Should().Be("云影医院");
    }
}
