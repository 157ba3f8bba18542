using System.IO.Compression;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.IO;

/// <summary>
/// Reads a bare data set (no preamble or meta header) in a given transfer syntax from a stream, forward only:
/// P-DATA payloads, command sets (implicit VR LE, PS3.7 §6.3.1), or the body of a Part 10 file.
/// </summary>
public static class DicomDatasetReader
{
    /// <summary>Reads to the end of the stream; malformed input raises <see cref="DicomFormatException"/> only.</summary>
    public static DicomDataset Read(Stream stream, DicomTransferSyntax syntax, DicomReadOptions? options = null)
    {
        options ??= DicomReadOptions.Default;
        var dataset = new DicomDataset { CharacterSetOverride = options.CharacterSetOverride };
        using var reader = new DicomStreamReader(syntax.IsDeflated
            ? new InflatedLengthLimit(new DeflateStream(stream, CompressionMode.Decompress, leaveOpen: true), options.MaxInflatedLength, 0)
            : stream);
        Read(reader, dataset, syntax, options);
        return dataset;
    }

    /// <summary>Reads a data set held in memory.</summary>
    public static DicomDataset Read(ReadOnlyMemory<byte> bytes, DicomTransferSyntax syntax, DicomReadOptions? options = null)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return Read(stream, syntax, options);
    }

    /// <summary>
    /// Reads a data set without blocking a thread on the stream (network): the bytes are gathered first, refusing more
    /// than <paramref name="maxLength"/>, then parsed.
    /// </summary>
    public static async Task<DicomDataset> ReadAsync(Stream stream, DicomTransferSyntax syntax, long maxLength, DicomReadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        using var memory = new MemoryStream();
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (memory.Length + n > maxLength)
                {
                    throw new DicomFormatException($"data set longer than the {maxLength} bytes allowed", memory.Length + n);
                }
                memory.Write(buffer, 0, n);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        memory.Position = 0;
        return Read(memory, syntax, options);
    }

    internal static bool Read(DicomStreamReader reader, DicomDataset dataset, DicomTransferSyntax syntax, DicomReadOptions options)
    {
        var parser = new DicomDatasetParser(reader, options);
        Guard(reader, () => parser.ReadDataset(dataset, syntax.IsExplicitVR, syntax.IsBigEndian));
        return parser.StoppedAtPixelData;
    }

    /// <summary>Turns the runtime's complaints about impossible input (bad deflate data) into a format error with an offset.</summary>
    internal static void Guard(DicomStreamReader reader, Action read)
    {
        try
        {
            read();
        }
        catch (InvalidDataException e)
        {
            throw new DicomFormatException($"invalid compressed data: {e.Message}", reader.Position);
        }
        catch (EndOfStreamException)
        {
            throw new DicomFormatException("unexpected end of data", reader.Position);
        }
    }
}
