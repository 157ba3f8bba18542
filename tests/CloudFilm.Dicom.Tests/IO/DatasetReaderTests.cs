using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.IO;

public class DatasetReaderTests
{
    private static readonly DicomTransferSyntax Implicit = DicomTransferSyntax.ImplicitVRLittleEndian;
    private static readonly DicomTransferSyntax Explicit = DicomTransferSyntax.ExplicitVRLittleEndian;

    [Fact]
    public void Implicit_vr_takes_vr_from_the_dictionary_and_keeps_private_values_as_UN()
    {
        var bytes = new RawEncoding()
            .Implicit(0x0010, 0x0010, "Doe^John")
            .Implicit(0x0029, 0x0010, "VENDOR")
            .Implicit(0x0029, 0x1001, "abcd")
            .ToArray();

        var ds = DicomDatasetReader.Read(bytes, Implicit);

        ds.Find(DicomTags.PatientName)!.VR.Should().BeSameAs(DicomVR.PN);
        ds.Find(new DicomTag(0x0029, 0x0010))!.VR.Should().BeSameAs(DicomVR.LO);
        ds.Find(new DicomTag(0x0029, 0x1001))!.VR.Should().BeSameAs(DicomVR.UN);
        ds.GetPrivateCreator(new DicomTag(0x0029, 0x1001)).Should().Be("VENDOR");
    }

    [Fact]
    public void Implicit_private_element_gets_its_vr_from_a_registered_creator()
    {
        DicomDictionary.RegisterPrivate("READER TEST", 0x0031, 0x02, DicomVR.US, "Count");
        var bytes = new RawEncoding()
            .Implicit(0x0031, 0x0012, "READER TEST ")
            .Tag(0x0031, 0x1202).U32(2).U16(513)
            .ToArray();

        var ds = DicomDatasetReader.Read(bytes, Implicit);

        ds.GetValue<int>(new DicomTag(0x0031, 0x1202)).Should().Be(513);
    }

    [Fact]
    public void Sequences_of_defined_and_undefined_length_nest_in_any_combination()
    {
        var inner = new RawEncoding().Short(0x0008, 0x0100, "SH", "T-1000").ToArray();
        var bytes = new RawEncoding()
            .Tag(0x0008, 0x1110).Ascii("SQ").U16(0).U32((uint)(8 + inner.Length)) // defined-length sequence
            .Tag(0xFFFE, 0xE000).U32(0xFFFFFFFF).Bytes(inner).Tag(0xFFFE, 0xE00D).U32(0) // undefined-length item
            .Tag(0x0008, 0x1111).Ascii("SQ").U16(0).U32(0xFFFFFFFF) // undefined-length sequence
            .Tag(0xFFFE, 0xE000).U32((uint)inner.Length).Bytes(inner) // defined-length item
            .Tag(0xFFFE, 0xE0DD).U32(0)
            .Short(0x0010, 0x0020, "LO", "ID")
            .ToArray();

        // The first item is undefined length inside a defined sequence: its length is 8 + inner + 8.
        bytes = Patch(bytes, 8, (uint)(8 + inner.Length + 8));
        var ds = DicomDatasetReader.Read(bytes, Explicit);

        ds.FindSequence(DicomTags.ReferencedStudySequence)!.Items.Single().GetString(DicomTags.CodeValue).Should().Be("T-1000");
        ds.FindSequence(DicomTags.ReferencedPerformedProcedureStepSequence)!.Items.Single().GetString(DicomTags.CodeValue).Should().Be("T-1000");
        ds.GetString(DicomTags.PatientID).Should().Be("ID");
        DicomDatasetWriter.ToBytes(ds, Explicit).Should().Equal(bytes, "length forms are kept, so the bytes round-trip");
    }

    /// <summary>Explicit VR LE: creator VENDOR, (0009,1000) UN of undefined length holding one implicit VR item with a PN.</summary>
    internal static byte[] UnknownSequenceOfUndefinedLength() => new RawEncoding()
        .Tag(0x0009, 0x0010).Ascii("LO").U16(6).Ascii("VENDOR")
        .Tag(0x0009, 0x1000).Ascii("UN").U16(0).U32(0xFFFFFFFF)
        .Tag(0xFFFE, 0xE000).U32(0xFFFFFFFF)
        .Implicit(0x0010, 0x0010, "Doe^Jo")
        .Tag(0xFFFE, 0xE00D).U32(0)
        .Tag(0xFFFE, 0xE0DD).U32(0)
        .ToArray();

    [Fact]
    public void UN_of_undefined_length_is_read_as_the_sequence_it_is_and_written_back_as_SQ()
    {
        var bytes = UnknownSequenceOfUndefinedLength();

        var ds = DicomDatasetReader.Read(bytes, Explicit);

        var seq = ds.FindSequence(new DicomTag(0x0009, 0x1000))!;
        seq.VR.Should().BeSameAs(DicomVR.SQ, "PS3.5 6.2.2: UN of undefined length is a sequence, implicit VR LE inside");
        seq.Items.Single().GetString(DicomTags.PatientName).Should().Be("Doe^Jo");
        DicomDatasetWriter.ToBytes(ds, Explicit).Should().Equal(new RawEncoding()
            .Tag(0x0009, 0x0010).Ascii("LO").U16(6).Ascii("VENDOR")
            .Tag(0x0009, 0x1000).Ascii("SQ").U16(0).U32(0xFFFFFFFF)
            .Tag(0xFFFE, 0xE000).U32(0xFFFFFFFF)
            .Short(0x0010, 0x0010, "PN", "Doe^Jo")
            .Tag(0xFFFE, 0xE00D).U32(0)
            .Tag(0xFFFE, 0xE0DD).U32(0)
            .ToArray(), "an explicit syntax writes the sequence as SQ with explicit VR items");
    }

    [Fact]
    public void UN_sequence_in_a_big_endian_data_set_is_still_implicit_little_endian_inside()
    {
        var bytes = new RawEncoding(bigEndian: true)
            .Tag(0x0009, 0x1000).Ascii("UN").U16(0).U32(0xFFFFFFFF)
            .ToArray()
            .Concat(new RawEncoding()
                .Tag(0xFFFE, 0xE000).U32(0xFFFFFFFF)
                .Implicit(0x0008, 0x0100, "T-1000")
                .Tag(0xFFFE, 0xE00D).U32(0)
                .Tag(0xFFFE, 0xE0DD).U32(0)
                .ToArray())
            .ToArray();

        var ds = DicomDatasetReader.Read(bytes, DicomTransferSyntax.ExplicitVRBigEndian);

        ds.FindSequence(new DicomTag(0x0009, 0x1000))!.Items.Single().GetString(DicomTags.CodeValue).Should().Be("T-1000");
    }

    [Fact]
    public void UN_of_defined_length_with_a_registered_private_sequence_vr_is_read_as_a_sequence()
    {
        DicomDictionary.RegisterPrivate("UN SEQ TEST", 0x0033, 0x01, DicomVR.SQ, "Items");
        var item = new RawEncoding().Implicit(0x0008, 0x0100, "T-1000").ToArray();
        var bytes = new RawEncoding()
            .Tag(0x0033, 0x0010).Ascii("LO").U16(12).Ascii("UN SEQ TEST ")
            .Tag(0x0033, 0x1001).Ascii("UN").U16(0).U32((uint)(8 + item.Length))
            .Tag(0xFFFE, 0xE000).U32((uint)item.Length).Bytes(item)
            .ToArray();

        var ds = DicomDatasetReader.Read(bytes, Explicit);

        ds.FindSequence(new DicomTag(0x0033, 0x1001))!.Items.Single().GetString(DicomTags.CodeValue).Should().Be("T-1000");
    }

    [Fact]
    public void UN_sequence_written_implicit_keeps_its_bytes()
    {
        var bytes = new RawEncoding()
            .Implicit(0x0009, 0x0010, "VENDOR")
            .Tag(0x0009, 0x1000).U32(0xFFFFFFFF)
            .Tag(0xFFFE, 0xE000).U32(0xFFFFFFFF)
            .Implicit(0x0010, 0x0010, "Doe^Jo")
            .Tag(0xFFFE, 0xE00D).U32(0)
            .Tag(0xFFFE, 0xE0DD).U32(0)
            .ToArray();

        var ds = DicomDatasetReader.Read(bytes, Implicit);

        ds.FindSequence(new DicomTag(0x0009, 0x1000))!.VR.Should().BeSameAs(DicomVR.SQ);
        DicomDatasetWriter.ToBytes(ds, Implicit).Should().Equal(bytes);
    }

    [Fact]
    public void Known_tag_sent_as_UN_gets_its_dictionary_vr()
    {
        var bytes = new RawEncoding().Tag(0x0028, 0x0010).Ascii("UN").U16(0).U32(2).U16(256).ToArray();

        var ds = DicomDatasetReader.Read(bytes, Explicit);

        ds.Find(DicomTags.Rows)!.VR.Should().BeSameAs(DicomVR.US);
        ds.GetValue<int>(DicomTags.Rows).Should().Be(256);
    }

    [Fact]
    public void Explicit_vr_dataset_tolerates_an_element_in_implicit_vr()
    {
        var bytes = new RawEncoding()
            .Short(0x0008, 0x0060, "CS", "CT")
            .Implicit(0x0010, 0x0020, "ABCD")
            .Short(0x0010, 0x0040, "CS", "F ")
            .ToArray();

        var ds = DicomDatasetReader.Read(bytes, Explicit);

        ds.GetString(DicomTags.PatientID).Should().Be("ABCD");
        ds.GetString(DicomTags.PatientSex).Should().Be("F");
    }

    [Fact]
    public void Big_endian_values_are_swapped_per_unit_and_strings_left_alone()
    {
        var bytes = new RawEncoding(bigEndian: true)
            .Short(0x0008, 0x0060, "CS", "MR")
            .Tag(0x0028, 0x0010).Ascii("US").U16(2).U16(0x0102)
            .Tag(0x0028, 0x0030).Ascii("DS").U16(4).Ascii("1\\2 ")
            .Tag(0x0020, 0x5000).Ascii("AT").U16(4).U16(0x0010).U16(0x0020)
            .Tag(0x7FE0, 0x0010).Ascii("OW").U16(0).U32(4).U16(0x0A0B).U16(0x0C0D)
            .ToArray();

        var ds = DicomDatasetReader.Read(bytes, DicomTransferSyntax.ExplicitVRBigEndian);

        ds.GetValue<int>(DicomTags.Rows).Should().Be(0x0102);
        ds.GetValues<double>(DicomTags.PixelSpacing).Should().Equal(1, 2);
        ds.GetValue<DicomTag>(new DicomTag(0x0020, 0x5000)).Should().Be(DicomTags.PatientID); // a retired AT attribute: no DicomTags constant
        ds.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray().Should().Equal(0x0B, 0x0A, 0x0D, 0x0C);
    }

    [Fact]
    public void Encapsulated_pixel_data_keeps_offset_table_and_fragments()
    {
        var bytes = new RawEncoding()
            .Tag(0x7FE0, 0x0010).Ascii("OB").U16(0).U32(0xFFFFFFFF)
            .Tag(0xFFFE, 0xE000).U32(4).U32(0)
            .Tag(0xFFFE, 0xE000).U32(4).Bytes(0xFF, 0xD8, 1, 2)
            .Tag(0xFFFE, 0xE000).U32(2).Bytes(0xFF, 0xD9)
            .Tag(0xFFFE, 0xE0DD).U32(0)
            .Tag(0xFFFC, 0xFFFC).Ascii("OB").U16(0).U32(2).Bytes(0, 0)
            .ToArray();

        var ds = DicomDatasetReader.Read(bytes, DicomTransferSyntax.JPEGBaseline8Bit);

        var pixels = (DicomFragmentSequence)ds.Find(DicomTags.PixelData)!;
        pixels.GetOffsets().Should().Equal(0u);
        pixels.Fragments.Select(f => f.Length).Should().Equal(4L, 2L);
        ds.Contains(DicomTags.DataSetTrailingPadding).Should().BeTrue("elements after pixel data are read too");
        DicomDatasetWriter.ToBytes(ds, DicomTransferSyntax.JPEGBaseline8Bit).Should().Equal(bytes);
    }

    [Fact]
    public void Reading_from_a_non_seekable_stream_gives_the_same_dataset()
    {
        var ds = new DicomDataset().Set(DicomTags.PatientName, "A^B").Set(DicomTags.Rows, (ushort)2);
        ds.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OW, new byte[300_000]));
        var bytes = DicomDatasetWriter.ToBytes(ds, Explicit);

        var read = DicomDatasetReader.Read(new ForwardOnlyStream(bytes), Explicit);

        DicomDatasetWriter.ToBytes(read, Explicit).Should().Equal(bytes);
    }

    [Fact]
    public void Command_set_gets_an_exact_group_length()
    {
        var command = new DicomDataset();
        command.Set(DicomTags.CommandGroupLength, 0u);
        command.Set(DicomTags.AffectedSOPClassUID, DicomUids.Verification);
        command.Set(DicomTags.CommandField, (ushort)0x0030);
        command.Set(DicomTags.MessageID, (ushort)1);
        command.Set(DicomTags.CommandDataSetType, (ushort)0x0101);

        var bytes = DicomDatasetWriter.ToBytes(command, Implicit);
        var read = DicomDatasetReader.Read(bytes, Implicit);

        read.GetValue<uint>(DicomTags.CommandGroupLength).Should().Be((uint)(bytes.Length - 12));
        read.GetValue<int>(DicomTags.CommandField).Should().Be(0x30);
    }

    [Fact]
    public void Long_value_in_a_short_length_vr_is_written_as_UN_in_explicit_vr()
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(new DicomElement(DicomTags.PatientComments, DicomVR.LT, new byte[70_000]));

        var read = DicomDatasetReader.Read(DicomDatasetWriter.ToBytes(ds, Explicit), Explicit);

        read.Find(DicomTags.PatientComments)!.VR.Should().BeSameAs(DicomVR.LT, "UN of a known tag is re-read with its dictionary VR");
        read.FindElement(DicomTags.PatientComments)!.Length.Should().Be(70_000);
    }

    private static byte[] Patch(byte[] bytes, int offset, uint value)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), value);
        return bytes;
    }
}

public class ImplicitVRContextTests
{
    [Fact]
    public void US_or_SS_in_an_item_follows_the_pixel_representation_of_the_enclosing_dataset()
    {
        var item = new RawEncoding().Tag(0x0028, 0x3002).U32(6).U16(0).U16(0xFFF0).U16(16).ToArray();
        var bytes = new RawEncoding()
            .Tag(0x0028, 0x0103).U32(2).U16(1)
            .Tag(0x0028, 0x3010).U32(0xFFFFFFFF)
            .Tag(0xFFFE, 0xE000).U32((uint)item.Length).Bytes(item)
            .Tag(0xFFFE, 0xE0DD).U32(0)
            .ToArray();

        var ds = CloudFilm.Dicom.IO.DicomDatasetReader.Read(bytes, CloudFilm.Dicom.Uids.DicomTransferSyntax.ImplicitVRLittleEndian);

        var lut = ds.FindSequence(DicomTags.VOILUTSequence)!.Items[0];
        lut.Find(DicomTags.LUTDescriptor)!.VR.Should().BeSameAs(CloudFilm.Dicom.Data.DicomVR.SS);
        lut.GetValue<int>(DicomTags.LUTDescriptor, 1).Should().Be(-16);
    }
}
