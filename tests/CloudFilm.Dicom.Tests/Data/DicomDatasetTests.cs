using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;

namespace CloudFilm.Dicom.Tests.Data;

public class DicomDatasetTests
{
    [Fact]
    public void Items_enumerate_in_tag_order_whatever_the_insertion_order()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTags.PatientID, "2");
        ds.Set(DicomTags.Modality, "CT");
        ds.Set(DicomTags.PatientName, "A^B");

        ds.Select(i => i.Tag).Should().Equal(DicomTags.Modality, DicomTags.PatientName, DicomTags.PatientID);
    }

    [Fact]
    public void Add_refuses_a_duplicate_and_AddOrUpdate_replaces()
    {
        var ds = new DicomDataset().Set(DicomTags.PatientID, "1");

        var add = () => ds.Add(new DicomElement(DicomTags.PatientID, DicomVR.LO, "2 "u8.ToArray()));
        add.Should().Throw<DicomException>();
        ds.Set(DicomTags.PatientID, "3");
        ds.GetString(DicomTags.PatientID).Should().Be("3");
    }

    [Fact]
    public void Multi_valued_strings_keep_empty_values()
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(new DicomElement(DicomTags.ImageType, DicomVR.CS, "A\\\\B "u8.ToArray()));

        ds.GetStrings(DicomTags.ImageType).Should().Equal("A", "", "B");
        ds.GetValueCount(DicomTags.ImageType).Should().Be(3);
    }

    [Fact]
    public void Backslash_is_text_in_single_valued_vrs()
    {
        var ds = new DicomDataset().Set(DicomTags.ImageComments, @"a\b");

        ds.GetStrings(DicomTags.ImageComments).Should().Equal(@"a\b");
    }

    [Fact]
    public void Numbers_read_from_text_and_binary_vrs_in_invariant_culture()
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(new DicomElement(DicomTags.SliceThickness, DicomVR.DS, " 1.25E1 "u8.ToArray()));
        ds.AddOrUpdate(new DicomElement(DicomTags.InstanceNumber, DicomVR.IS, " 1.0"u8.ToArray()));
        ds.Set(DicomTags.Rows, (ushort)300);
        ds.Set(DicomTags.SmallestImagePixelValue, DicomVR.SS, (short)-5);

        ds.GetValue<double>(DicomTags.SliceThickness).Should().Be(12.5);
        ds.GetValue<int>(DicomTags.InstanceNumber).Should().Be(1);
        ds.GetValue<int>(DicomTags.Rows).Should().Be(300);
        ds.GetValue<int>(DicomTags.SmallestImagePixelValue).Should().Be(-5);
        ds.GetValue<string>(DicomTags.Rows).Should().Be("300");
        ds.TryGetValue<byte>(DicomTags.Rows, out _).Should().BeFalse("300 does not fit a byte");
    }

    [Fact]
    public void Decimal_strings_are_written_in_at_most_16_characters()
    {
        var ds = new DicomDataset().Set(DicomTags.PixelSpacing, 1.0 / 3, 123456789.123456789);

        var values = ds.GetStrings(DicomTags.PixelSpacing);
        values.Should().OnlyContain(v => v.Length <= 16);
        double.Parse(values[0], System.Globalization.CultureInfo.InvariantCulture).Should().BeApproximately(1.0 / 3, 1e-12);
        var nan = () => new DicomDataset().Set(DicomTags.SliceThickness, double.NaN);
        nan.Should().Throw<DicomException>();
    }

    [Fact]
    public void Dates_times_and_datetimes_parse_with_their_precision()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTags.StudyDate, "20240131");
        ds.Set(DicomTags.StudyTime, "101502.5");
        ds.Set(DicomTags.AcquisitionDateTime, "20240131101502.25+0800");
        ds.AddOrUpdate(new DicomElement(DicomTags.SeriesDate, DicomVR.DA, "2024.01.31"u8.ToArray()));

        ds.GetValue<DateOnly>(DicomTags.StudyDate).Should().Be(new DateOnly(2024, 1, 31));
        ds.GetValue<DateOnly>(DicomTags.SeriesDate).Should().Be(new DateOnly(2024, 1, 31));
        ds.GetValue<TimeOnly>(DicomTags.StudyTime).Should().Be(new TimeOnly(10, 15, 2, 500));
        ds.GetValue<DateTimeOffset>(DicomTags.AcquisitionDateTime)
            .Should().Be(new DateTimeOffset(2024, 1, 31, 10, 15, 2, 250, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void Dates_are_written_in_standard_form()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTags.StudyDate, new DateOnly(2024, 2, 29));
        ds.Set(DicomTags.StudyTime, new TimeOnly(7, 5, 9, 120));

        ds.GetString(DicomTags.StudyDate).Should().Be("20240229");
        ds.GetString(DicomTags.StudyTime).Should().Be("070509.12");
    }

    [Fact]
    public void Person_name_splits_groups_before_components()
    {
        var pn = DicomPersonName.Parse("Zhang^San=张^三=zhang^san");

        pn.FamilyName.Should().Be("Zhang");
        pn.GivenName.Should().Be("San");
        pn.Ideographic.Should().Be("张^三");
        DicomPersonName.Component(pn.Phonetic, 1).Should().Be("san");
        new DicomPersonName("Doe^John^^^", "", "").ToString().Should().Be("Doe^John");
    }

    [Fact]
    public void Private_elements_are_found_by_creator_whatever_their_block()
    {
        var ds = new DicomDataset();
        ds.Set(new DicomTag(0x0029, 0x0010), DicomVR.LO, "OTHER VENDOR");
        var tag = ds.GetOrReservePrivateTag(0x0029, "CLOUDFILM", 0x05);
        ds.Set(tag, DicomVR.LO, "value");

        tag.Should().Be(new DicomTag(0x0029, 0x1105));
        ds.FindPrivateTag(0x0029, "CLOUDFILM", 0x05).Should().Be(tag);
        ds.GetPrivateCreator(tag).Should().Be("CLOUDFILM");
        ds.FindPrivateTag(0x0029, "MISSING", 0x05).Should().BeNull();
    }

    [Fact]
    public void Sequence_items_inherit_the_character_set_of_the_enclosing_dataset()
    {
        var ds = new DicomDataset().Set(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        var item = new DicomDataset();
        ds.Add(new DicomSequence(DicomTags.ReferencedStudySequence, item));

        item.CharacterSet.Value.Should().Be("ISO_IR 192");
        item.Set(DicomTags.PatientName, "张^三");
        item.FindElement(DicomTags.PatientName)!.Buffer.Memory.ToArray().Should().Equal(System.Text.Encoding.UTF8.GetBytes("张^三 "));
    }

    [Fact]
    public void Text_outside_the_repertoire_is_an_error_not_a_question_mark()
    {
        var ds = new DicomDataset();

        var act = () => ds.Set(DicomTags.PatientName, "张^三");
        act.Should().Throw<DicomException>().WithMessage("*张*");
        var cs = () => ds.Set(DicomTags.Modality, "CTé");
        cs.Should().Throw<DicomException>();
    }

    [Fact]
    public void Tags_and_binary_values_round_trip_through_setters()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTags.FrameIncrementPointer, DicomTags.FrameTime);
        ds.Set(DicomTags.RealWorldValueLastValueMapped, DicomVR.US, 7);
        ds.Set(DicomTags.ImagePositionPatient, 1.5, -2, 3);

        ds.GetValue<DicomTag>(DicomTags.FrameIncrementPointer).Should().Be(DicomTags.FrameTime);
        ds.GetValues<double>(DicomTags.ImagePositionPatient).Should().Equal(1.5, -2, 3);
        var overflow = () => ds.Set(DicomTags.Rows, 70000);
        overflow.Should().Throw<DicomException>();
    }

    [Fact]
    public void Clone_is_independent_of_the_original()
    {
        var ds = new DicomDataset().Set(DicomTags.PatientID, "1");
        ds.Add(new DicomSequence(DicomTags.ReferencedStudySequence, new DicomDataset().Set(DicomTags.StudyInstanceUID, "1.2")));

        var copy = ds.Clone();
        copy.Set(DicomTags.PatientID, "2");
        copy.FindSequence(DicomTags.ReferencedStudySequence)!.Items[0].Set(DicomTags.StudyInstanceUID, "9.9");

        ds.GetString(DicomTags.PatientID).Should().Be("1");
        ds.FindSequence(DicomTags.ReferencedStudySequence)!.Items[0].GetString(DicomTags.StudyInstanceUID).Should().Be("1.2");
    }
}
