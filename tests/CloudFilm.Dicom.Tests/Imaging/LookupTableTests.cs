using CloudFilm.Dicom.Imaging;

namespace CloudFilm.Dicom.Tests.Imaging;

public class LookupTableTests
{
    [Fact]
    public void Descriptor_entry_count_zero_means_65536()
    {
        LutDescriptor.FromEncoded(0, 0, 16, firstMappedIsSigned: false).Entries.Should().Be(65536);
    }

    [Fact]
    public void Descriptor_first_mapped_value_is_signed_only_for_signed_pixel_data()
    {
        LutDescriptor.FromEncoded(4096, 0xF800, 16, firstMappedIsSigned: true).FirstMappedValue.Should().Be(-2048);
        LutDescriptor.FromEncoded(4096, 0xF800, 16, firstMappedIsSigned: false).FirstMappedValue.Should().Be(0xF800);
    }

    [Fact]
    public void Descriptor_with_impossible_bits_per_entry_is_rejected()
    {
        var act = () => LutDescriptor.FromEncoded(256, 0, 17, firstMappedIsSigned: false);
        act.Should().Throw<DicomException>().WithMessage("*17 bits*");
    }

    [Fact]
    public void Inputs_outside_the_table_take_the_first_or_last_entry()
    {
        var table = LookupTable.Create(new LutDescriptor(3, 10, 16), TestFormats.Words(100, 200, 300));
        table.Lookup(-5).Should().Be(100);
        table.Lookup(10).Should().Be(100);
        table.Lookup(11).Should().Be(200);
        table.Lookup(12).Should().Be(300);
        table.Lookup(70000).Should().Be(300);
    }

    [Fact]
    public void A_65536_entry_table_reads_all_entries()
    {
        var entries = new ushort[65536];
        for (int i = 0; i < entries.Length; i++)
        {
            entries[i] = (ushort)(65535 - i);
        }

        var table = LookupTable.Create(LutDescriptor.FromEncoded(0, 0, 16, false), TestFormats.Words(entries));
        table.Count.Should().Be(65536);
        table.Lookup(0).Should().Be(65535);
        table.Lookup(65535).Should().Be(0);
    }

    [Fact]
    public void Eight_bit_entries_one_per_word_keep_the_low_byte()
    {
        var table = LookupTable.Create(new LutDescriptor(2, 0, 8), TestFormats.Words(0xAB12, 0x00FF));
        table.BitsPerEntry.Should().Be(8);
        table.Entries.ToArray().Should().Equal(0x12, 0xFF);
    }

    [Fact]
    public void Bytes_packed_one_per_entry_under_a_16_bit_descriptor_are_read_as_8_bit_entries()
    {
        // 4 entries declared 16-bit but only 4 bytes of data: one byte per entry.
        var table = LookupTable.Create(new LutDescriptor(4, 0, 16), [0, 85, 170, 255]);
        table.BitsPerEntry.Should().Be(8);
        table.Entries.ToArray().Should().Equal(0, 85, 170, 255);
        table.MaxOutput.Should().Be(255);
    }

    [Fact]
    public void Too_little_data_for_the_declared_entries_is_an_error()
    {
        var act = () => LookupTable.Create(new LutDescriptor(256, 0, 16), new byte[100]);
        act.Should().Throw<DicomException>().WithMessage("*100 bytes*256 entries*");
    }

    [Fact]
    public void Palette_16_bit_entries_are_reduced_by_their_high_byte()
    {
        var red = LookupTable.Create(new LutDescriptor(2, 0, 16), TestFormats.Words(0x12FF, 0xFF00));
        var palette = new PaletteColorLut(red, red, red);
        palette.ShiftTo8Bits().Should().Be(8);
        palette.Lookup8(0, 8).Should().Be(((byte)0x12, (byte)0x12, (byte)0x12));
        palette.Lookup8(1, 8).Should().Be(((byte)0xFF, (byte)0xFF, (byte)0xFF));
    }

    [Fact]
    public void Palette_declared_16_bit_holding_only_8_bit_values_is_not_darkened()
    {
        var low = LookupTable.Create(new LutDescriptor(2, 0, 16), TestFormats.Words(0, 200));
        var palette = new PaletteColorLut(low, low, low);
        palette.ShiftTo8Bits().Should().Be(0);
        palette.Lookup8(1, 0).Should().Be(((byte)200, (byte)200, (byte)200));
    }

    [Fact]
    public void Palette_where_one_channel_uses_16_bits_reduces_all_channels()
    {
        var low = LookupTable.Create(new LutDescriptor(2, 0, 16), TestFormats.Words(0, 200));
        var high = LookupTable.Create(new LutDescriptor(2, 0, 16), TestFormats.Words(0, 0xFFFF));
        new PaletteColorLut(low, high, low).ShiftTo8Bits().Should().Be(8);
    }
}
