using CloudFilm.Archive.Reconciliation;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Text;

namespace CloudFilm.Archive.Tests.Reconciliation;

public class StudyAttributeCoercionTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 8, 30, 15, 250, TimeSpan.FromHours(8));

    private static readonly AttributeModification Coerce = new("COERCE", "CLOUDFILM", "CT_SCANNER", At);

    private static DicomDataset Instance(string characterSet = "ISO_IR 192")
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.SpecificCharacterSet, characterSet);
        dataset.Set(DicomTags.StudyInstanceUID, "1.2.3.1");
        dataset.Set(DicomTags.SeriesInstanceUID, "1.2.3.1.1");
        dataset.Set(DicomTags.SOPInstanceUID, "1.2.3.1.1.1");
        dataset.Set(DicomTags.PatientName, "ZHANG^SAN");
        dataset.Set(DicomTags.PatientID, "P1");
        dataset.Set(DicomTags.PatientBirthDate, "19800101");
        dataset.Set(DicomTags.PatientSex, "M");
        dataset.SetEmpty(DicomTags.AccessionNumber);
        dataset.Set(DicomTags.StudyDate, "20261122");
        dataset.Set(DicomTags.StudyTime, "101500");
        dataset.Set(DicomTags.StudyID, "7");
        dataset.Set(DicomTags.StudyDescription, "CHEST");
        dataset.SetEmpty(DicomTags.ReferringPhysicianName);
        return dataset;
    }

    /// <summary>The target's values as its own stored file would give them: the instance's, with the changes named.</summary>
    private static TargetStudyAttributes Target(DicomCharacterSet? characterSet = null, params (DicomTag Tag, string? Value)[] changes)
    {
        var values = StudyAttributeCoercion.StudyAttributes.ToDictionary(a => a.Tag, a => Instance().Contains(a.Tag) ? Instance().GetString(a.Tag) ?? "" : null);
        foreach (var (tag, value) in changes)
        {
            values[tag] = value;
        }
        return new TargetStudyAttributes(characterSet, values);
    }

    private static DicomDataset OnlyModificationItem(DicomDataset coerced) =>
        coerced.FindSequence(DicomTags.OriginalAttributesSequence)!.Items.Should().ContainSingle().Subject;

    [Fact]
    public void Replaced_values_are_kept_in_one_original_attributes_item_saying_who_changed_them_when_and_why()
    {
        var original = Instance();

        var coerced = StudyAttributeCoercion.Coerce(original, "1.2.3.2", Target(null, (DicomTags.AccessionNumber, "A100")), Coerce);

        coerced.GetString(DicomTags.StudyInstanceUID).Should().Be("1.2.3.2");
        coerced.GetString(DicomTags.AccessionNumber).Should().Be("A100");
        coerced.GetString(DicomTags.SOPInstanceUID).Should().Be("1.2.3.1.1.1", "instance and series UIDs stay as they are");
        coerced.GetString(DicomTags.SeriesInstanceUID).Should().Be("1.2.3.1.1");
        var item = OnlyModificationItem(coerced);
        item.GetString(DicomTags.ReasonForTheAttributeModification).Should().Be("COERCE");
        item.GetString(DicomTags.ModifyingSystem).Should().Be("CLOUDFILM");
        item.GetString(DicomTags.SourceOfPreviousValues).Should().Be("CT_SCANNER");
        item.GetString(DicomTags.AttributeModificationDateTime).Should().Be("20261123003015.250000+0000");
        var previous = item.FindSequence(DicomTags.ModifiedAttributesSequence)!.Items.Should().ContainSingle().Subject;
        previous.Select(i => i.Tag).Should().BeEquivalentTo([DicomTags.StudyInstanceUID, DicomTags.AccessionNumber], "only what changed is kept");
        previous.GetString(DicomTags.StudyInstanceUID).Should().Be("1.2.3.1");
        previous.GetString(DicomTags.AccessionNumber).Should().Be("");
        original.GetString(DicomTags.StudyInstanceUID).Should().Be("1.2.3.1", "the original data set is not changed");
        original.Contains(DicomTags.OriginalAttributesSequence).Should().BeFalse();
    }

    [Fact]
    public void A_type_2_attribute_the_target_lacks_stays_empty_and_a_type_3_one_is_removed()
    {
        var coerced = StudyAttributeCoercion.Coerce(
            Instance(), "1.2.3.2", Target(null, (DicomTags.PatientSex, null), (DicomTags.StudyDescription, null)), Coerce);

        coerced.Contains(DicomTags.PatientSex).Should().BeTrue();
        coerced.GetString(DicomTags.PatientSex).Should().Be("");
        coerced.Contains(DicomTags.StudyDescription).Should().BeFalse();
        var previous = OnlyModificationItem(coerced).FindSequence(DicomTags.ModifiedAttributesSequence)!.Items.Single();
        previous.GetString(DicomTags.PatientSex).Should().Be("M");
        previous.GetString(DicomTags.StudyDescription).Should().Be("CHEST");
    }

    [Fact]
    public void An_attribute_the_instance_lacked_is_recorded_empty_among_the_previous_values()
    {
        var coerced = StudyAttributeCoercion.Coerce(Instance(), "1.2.3.2", Target(null, (DicomTags.IssuerOfPatientID, "HOSPITAL-A")), Coerce);

        coerced.GetString(DicomTags.IssuerOfPatientID).Should().Be("HOSPITAL-A");
        var previous = OnlyModificationItem(coerced).FindSequence(DicomTags.ModifiedAttributesSequence)!.Items.Single();
        previous.Contains(DicomTags.IssuerOfPatientID).Should().BeTrue();
        previous.GetString(DicomTags.IssuerOfPatientID).Should().Be("");
    }

    [Fact]
    public void An_instance_that_already_agrees_gets_no_original_attributes_item()
    {
        var original = Instance();

        var coerced = StudyAttributeCoercion.Coerce(original, "1.2.3.1", Target(), Coerce);

        coerced.Contains(DicomTags.OriginalAttributesSequence).Should().BeFalse();
        coerced.Should().NotBeSameAs(original);
    }

    [Fact]
    public void Earlier_modifications_are_kept_and_this_one_is_added_after_them()
    {
        var original = Instance();
        var earlier = new DicomDataset();
        earlier.Set(DicomTags.ReasonForTheAttributeModification, "CORRECT");
        original.Add(new DicomSequence(DicomTags.OriginalAttributesSequence, earlier));

        var coerced = StudyAttributeCoercion.Coerce(original, "1.2.3.2", Target(), Coerce);

        coerced.FindSequence(DicomTags.OriginalAttributesSequence)!.Items
            .Select(i => i.GetString(DicomTags.ReasonForTheAttributeModification)).Should().Equal("CORRECT", "COERCE");
    }

    [Fact]
    public void The_target_character_set_is_used_so_its_names_round_trip()
    {
        var gb18030 = DicomCharacterSet.FromValue("GB18030");

        var coerced = StudyAttributeCoercion.Coerce(Instance(), "1.2.3.2", Target(gb18030, (DicomTags.PatientName, "张^三")), Coerce);

        coerced.GetString(DicomTags.SpecificCharacterSet).Should().Be("GB18030");
        coerced.GetString(DicomTags.PatientName).Should().Be("张^三");
    }

    [Fact]
    public void Text_of_the_instance_the_target_set_cannot_hold_makes_the_copy_utf8()
    {
        var original = Instance();
        original.Set(DicomTags.SeriesDescription, "胸部 平扫");

        var coerced = StudyAttributeCoercion.Coerce(
            original, "1.2.3.2", Target(DicomCharacterSet.FromValue("ISO_IR 100"), (DicomTags.PatientName, "MÜLLER^HANS")), Coerce);

        coerced.GetString(DicomTags.SpecificCharacterSet).Should().Be("ISO_IR 192");
        coerced.GetString(DicomTags.SeriesDescription).Should().Be("胸部 平扫");
        coerced.GetString(DicomTags.PatientName).Should().Be("MÜLLER^HANS");
    }

    [Fact]
    public void Index_values_keep_empty_type_2_attributes_and_drop_empty_type_3_ones()
    {
        var row = StudyAttributeCoercion.StudyAttributes.Select(a => a.Tag == DicomTags.PatientName ? "LI^SI" : "").ToList();

        var target = TargetStudyAttributes.FromIndex(row);

        target.CharacterSet.Should().BeNull();
        target.Values[DicomTags.PatientName].Should().Be("LI^SI");
        target.Values[DicomTags.PatientSex].Should().Be("");
        target.Values[DicomTags.IssuerOfPatientID].Should().BeNull();
        target.Values[DicomTags.StudyDescription].Should().BeNull();
    }
}
