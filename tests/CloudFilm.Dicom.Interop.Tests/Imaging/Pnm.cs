using System.Text;

namespace CloudFilm.Dicom.Interop.Tests.Imaging;

/// <summary>An 8-bit binary PGM (P5) or PPM (P6) image as dcm2pnm writes it.</summary>
internal sealed record Pnm(int Width, int Height, int Channels, byte[] Pixels)
{
    public static Pnm Parse(byte[] bytes)
    {
        int position = 0;
        string magic = Token(bytes, ref position);
        int channels = magic switch
        {
            "P5" => 1,
            "P6" => 3,
            _ => throw new FormatException($"not a binary PGM/PPM: {magic}"),
        };
        int width = int.Parse(Token(bytes, ref position));
        int height = int.Parse(Token(bytes, ref position));
        int max = int.Parse(Token(bytes, ref position));
        if (max != 255)
        {
            throw new FormatException($"expected 8-bit PNM, maxval {max}");
        }

        position++; // the single whitespace after maxval
        int length = width * height * channels;
        return new Pnm(width, height, channels, bytes.AsSpan(position, length).ToArray());
    }

    private static string Token(byte[] bytes, ref int position)
    {
        while (true)
        {
            while (char.IsWhiteSpace((char)bytes[position]))
            {
                position++;
            }

            if (bytes[position] != '#')
            {
                break;
            }

            while (bytes[position] != '\n')
            {
                position++;
            }
        }

        int start = position;
        while (!char.IsWhiteSpace((char)bytes[position]))
        {
            position++;
        }

        return Encoding.ASCII.GetString(bytes, start, position - start);
    }
}
