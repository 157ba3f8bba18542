namespace CloudFilm.Dicom.Tests.IO;

/// <summary>Byte flips, length-field smashes, truncation and splices: cheap mutations that find parser crashes.</summary>
internal static class MutationFuzzer
{
    public static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = (byte[])source.Clone();
        switch (random.Next(5))
        {
            case 0:
                for (var i = random.Next(1, 8); i > 0; i--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
                return bytes;
            case 1:
                var at = random.Next(bytes.Length - 4);
                BitConverter.GetBytes(random.Next(3) switch { 0 => 0xFFFFFFFFu, 1 => (uint)random.Next(), _ => (uint)random.Next(0, 64) })
                    .CopyTo(bytes, at);
                return bytes;
            case 2:
                return bytes[..random.Next(bytes.Length)];
            case 3:
                var start = random.Next(bytes.Length);
                var count = random.Next(1, Math.Min(64, bytes.Length - start) + 1);
                return [.. bytes[..start], .. bytes[start..(start + count)], .. bytes[start..]];
            default:
                var cut = random.Next(bytes.Length);
                return [.. bytes[..cut], .. bytes[Math.Min(bytes.Length, cut + random.Next(1, 32))..]];
        }
    }
}
