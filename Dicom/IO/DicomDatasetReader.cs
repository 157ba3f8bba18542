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
        var dataset = new DicomDataset();
        using var reader = new DicomStreamReader(syntax.IsDeflated ? new DeflateStream(stream, CompressionMode.Decompress, leaveOpen: true) : stream);
        Read(reader, dataset, syntax, options ?? DicomReadOptions.Default);
        return dataset;
    }

    /// <summary>Reads a data set held in memory.</summary>
    public static DicomDataset Read(ReadOnlyMemory<byte> bytes, DicomTransferSyntax syntax, DicomReadOptions? options = null)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return Read(stream, syntax, options);
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
