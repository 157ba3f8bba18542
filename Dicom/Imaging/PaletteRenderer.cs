using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// Renders PALETTE COLOR frames (PS3.3 C.7.6.3.1.5) to RGBA: one packed RGBA word per raw sample pattern, so each
/// pixel is one lookup.
/// </summary>
internal static class PaletteRenderer
{
    public static void Render(ReadOnlySpan<byte> frame, PixelFormat format, PaletteColorLut palette, Span<byte> destination)
    {
        if (format.BitsAllocated is not (8 or 16))
        {
            throw new DicomException($"PALETTE COLOR rendering supports 8 and 16 bits allocated, not {format.BitsAllocated}");
        }

        int pixels = destination.Length / 4;
        int patterns = 1 << format.BitsAllocated;
        var decoder = new StoredValueDecoder(format);
        int shift = palette.ShiftTo8Bits();
        uint[] table = ArrayPool<uint>.Shared.Rent(patterns);
        try
        {
            for (int raw = 0; raw < patterns; raw++)
            {
                var (r, g, b) = palette.Lookup8(decoder.Decode((uint)raw), shift);
                table[raw] = BitConverter.IsLittleEndian
                    ? r | ((uint)g << 8) | ((uint)b << 16) | 0xFF000000u
                    : ((uint)r << 24) | ((uint)g << 16) | ((uint)b << 8) | 0xFFu;
            }

            Span<uint> output = MemoryMarshal.Cast<byte, uint>(destination);
            if (format.BitsAllocated == 8)
            {
                for (int i = 0; i < pixels; i++)
                {
                    output[i] = table[frame[i]];
                }
            }
            else
            {
                for (int i = 0; i < pixels; i++)
                {
                    output[i] = table[BinaryPrimitives.ReadUInt16LittleEndian(frame.Slice(2 * i, 2))];
                }
            }
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(table);
        }
    }
}
