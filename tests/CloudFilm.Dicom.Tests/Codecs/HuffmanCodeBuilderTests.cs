using CloudFilm.Dicom.Codecs.Jpeg;

namespace CloudFilm.Dicom.Tests.Codecs;

public class HuffmanCodeBuilderTests
{
    [Fact]
    public void Skewed_frequencies_still_give_codes_of_at_most_16_bits_and_no_all_ones_code()
    {
        // Fibonacci frequencies make the unrestricted Huffman tree as deep as it can get.
        var frequencies = new long[17];
        long a = 1, b = 1;
        for (int i = 0; i < 17; i++)
        {
            frequencies[i] = a;
            (a, b) = (b, a + b);
        }

        var builder = new HuffmanCodeBuilder(frequencies);

        double kraft = 0;
        for (int symbol = 0; symbol < 17; symbol++)
        {
            int length = builder.Lengths[symbol];
            length.Should().BeInRange(1, 16);
            builder.Codes[symbol].Should().NotBe((1 << length) - 1, "the all-ones code is reserved (T.81 K.2)");
            kraft += Math.Pow(2, -length);
        }

        kraft.Should().BeLessThan(1.0);
        builder.Values.Should().HaveCount(17);
    }

    [Fact]
    public void A_single_used_symbol_gets_a_one_bit_code()
    {
        var frequencies = new long[17];
        frequencies[0] = 1000;

        var builder = new HuffmanCodeBuilder(frequencies);

        builder.Values.Should().Equal((byte)0);
        builder.Lengths[0].Should().Be(1);
        builder.Codes[0].Should().Be(0);
    }

    [Fact]
    public void Codes_are_prefix_free()
    {
        var frequencies = new long[17];
        var random = new Random(4);
        for (int i = 0; i < 17; i++)
        {
            frequencies[i] = random.Next(0, 5000);
        }

        var builder = new HuffmanCodeBuilder(frequencies);
        var codes = Enumerable.Range(0, 17).Where(s => frequencies[s] > 0)
            .Select(s => Convert.ToString(builder.Codes[s], 2).PadLeft(builder.Lengths[s], '0')).ToList();

        foreach (var x in codes)
        {
            codes.Count(y => y.StartsWith(x, StringComparison.Ordinal)).Should().Be(1, $"{x} must not prefix another code");
        }
    }
}
