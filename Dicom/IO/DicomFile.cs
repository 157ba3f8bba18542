using System.IO.Compression;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.IO;

/// <summary>
/// A DICOM file (PS3.10 §7.1): optional 128-byte preamble and "DICM", the File Meta Information (group 0002,
/// explicit VR LE), then the data set in the transfer syntax the meta names. Files without preamble or meta are
/// read too, their syntax sniffed from the first element (<see cref="IsTransferSyntaxGuessed"/>).
/// </summary>
public sealed class DicomFile
{
    /// <summary>A new file for a data set: the meta header is filled from its SOP Class and Instance UIDs (PS3.10 §7.1).</summary>
    public DicomFile(DicomDataset dataset, DicomTransferSyntax transferSyntax)
        : this(new DicomDataset(), dataset, transferSyntax)
    {
        DicomFileMeta.Fill(Meta, dataset, transferSyntax);
    }

    private DicomFile(DicomDataset meta, DicomDataset dataset, DicomTransferSyntax transferSyntax)
    {
        Meta = meta;
        Dataset = dataset;
        TransferSyntax = transferSyntax;
    }

    /// <summary>The File Meta Information, group 0002 (PS3.10 §7.1).</summary>
    public DicomDataset Meta { get; }

    /// <summary>The data set proper: everything after the meta header.</summary>
    public DicomDataset Dataset { get; }

    /// <summary>The syntax the data set was read in or will be written in.</summary>
    public DicomTransferSyntax TransferSyntax { get; private set; }

    /// <summary>The 128-byte preamble as read (kept on write), or null when the file had none.</summary>
    public byte[]? Preamble { get; set; }

    /// <summary>True when the file named no transfer syntax and it was inferred from the bytes.</summary>
    public bool IsTransferSyntaxGuessed { get; private set; }

    /// <summary>True when reading stopped before Pixel Data (<see cref="DicomReadOptions.StopBeforePixelData"/>).</summary>
    public bool IsPixelDataOmitted { get; private set; }

    /// <summary>Opens a file; large values stay in the file and are read on demand (<see cref="DicomReadOptions.DeferValuesFromBytes"/>).</summary>
    public static DicomFile Open(string path, DicomReadOptions? options = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
        return Read(stream, options, path);
    }

    /// <summary>Reads from a stream forward only (network streams work); everything is held in memory.</summary>
    public static DicomFile Read(Stream stream, DicomReadOptions? options = null) => Read(stream, options, null);

    private static DicomFile Read(Stream stream, DicomReadOptions? options, string? path)
    {
        options ??= DicomReadOptions.Default;
        using var reader = new DicomStreamReader(stream, 0, path);
        var (preamble, meta, syntax, guessed) = ReadHead(reader, options);

        var file = new DicomFile(meta, new DicomDataset { CharacterSetOverride = options.CharacterSetOverride }, syntax)
        {
            Preamble = preamble,
            IsTransferSyntaxGuessed = guessed,
        };
        if (syntax.IsDeflated)
        {
            var offset = reader.Position;
            using var inflated = new InflatedLengthLimit(
                new DeflateStream(reader.RemainderAsStream(), CompressionMode.Decompress), options.MaxInflatedLength, offset);
            using var inner = new DicomStreamReader(inflated, 0);
            try
            {
                file.IsPixelDataOmitted = DicomDatasetReader.Read(inner, file.Dataset, syntax, options);
            }
            catch (DicomFormatException e)
            {
                throw new DicomFormatException($"{e.Message.Split(" at offset ")[0]} (in deflated data at inflated offset {e.Offset})", offset, e.Tag);
            }
        }
        else
        {
            file.IsPixelDataOmitted = DicomDatasetReader.Read(reader, file.Dataset, syntax, options);
        }
        return file;
    }

    /// <summary>
    /// Reads preamble, "DICM" and the File Meta Information (PS3.10 §7.1), leaving <paramref name="reader"/> at the
    /// first byte of the data set; the syntax is sniffed when the meta names none.
    /// </summary>
    internal static (byte[]? Preamble, DicomDataset Meta, DicomTransferSyntax Syntax, bool Guessed) ReadHead(DicomStreamReader reader, DicomReadOptions options)
    {
        if (!reader.Ensure(1))
        {
            throw new DicomFormatException("empty input: not a DICOM file", 0);
        }
        byte[]? preamble = null;
        var head = reader.Peek(132);
        if (head.Length == 132 && head[128..132].SequenceEqual("DICM"u8))
        {
            preamble = head[..128].ToArray();
            reader.Advance(132);
        }
        else if (head.Length >= 4 && head[..4].SequenceEqual("DICM"u8))
        {
            reader.Advance(4);
        }

        var meta = new DicomDataset();
        var first = reader.Peek(6);
        if (first.Length >= 2 && first[0] == 0x02 && first[1] == 0x00)
        {
            var metaParser = new DicomDatasetParser(reader, options with { StopBeforePixelData = false });
            var explicitMeta = first.Length >= 6 && DicomVR.TryParse(first[4..6], out _);
            DicomDatasetReader.Guard(reader, () => metaParser.ReadDataset(meta, explicitMeta, false, group => group == 0x0002));
        }
        else if (preamble is not null && first.Length >= 2 && !(first[0] == 0x08 || first[1] == 0x08))
        {
            throw new DicomFormatException("no File Meta Information after the DICM prefix", reader.Position);
        }

        DicomTransferSyntax syntax;
        var guessed = false;
        var uid = meta.GetString(DicomTags.TransferSyntaxUID);
        if (!string.IsNullOrEmpty(uid))
        {
            syntax = DicomTransferSyntax.Lookup(uid);
        }
        else
        {
            syntax = Sniff(reader.Peek(8), reader.Position, preamble is null && meta.Count == 0);
            guessed = true;
        }

        return (preamble, meta, syntax, guessed);
    }

    /// <summary>
    /// Infers the syntax of a data set from its first element (PS3.10 §7.1 allows none in the meta): byte order from
    /// the group number, explicit VR when bytes 4–5 are VR letters.
    /// </summary>
    private static DicomTransferSyntax Sniff(ReadOnlySpan<byte> first, long offset, bool noHeaderAtAll)
    {
        if (first.Length < 8)
        {
            throw new DicomFormatException("too short to be a DICOM data set", offset);
        }
        var littleGroup = (ushort)(first[0] | (first[1] << 8));
        var bigGroup = (ushort)((first[0] << 8) | first[1]);
        var explicitVR = DicomVR.TryParse(first[4..6], out _);
        var bigEndian = littleGroup > 0x00FF && bigGroup <= 0x00FF;
        var group = bigEndian ? bigGroup : littleGroup;
        if (noHeaderAtAll && ((group & 1) == 1 || group > 0x7FE0 || (!explicitVR && BitConverter.ToUInt32(first[4..8]) is > 0x100000 and < 0xFFFFFFFF)))
        {
            throw new DicomFormatException("not a DICOM file: no preamble, meta header or plausible first element", offset);
        }
        return bigEndian ? DicomTransferSyntax.ExplicitVRBigEndian
            : explicitVR ? DicomTransferSyntax.ExplicitVRLittleEndian
            : DicomTransferSyntax.ImplicitVRLittleEndian;
    }

    /// <summary>Writes preamble, "DICM", meta (with an exact group length) and data set (PS3.10 §7.1).</summary>
    public void Write(Stream stream)
    {
        if (IsPixelDataOmitted)
        {
            throw new DicomException("this file was read without its pixel data; writing it would lose them");
        }
        stream.Write(Preamble is { Length: 128 } p ? p : new byte[128]);
        stream.Write("DICM"u8);
        Meta.Set(DicomTags.TransferSyntaxUID, DicomVR.UI, TransferSyntax.Uid);
        DicomFileMeta.Write(stream, Meta);
        DicomDatasetWriter.Write(stream, Dataset, TransferSyntax);
    }

    /// <summary>Writes the file to a path (see <see cref="Write"/>); values still in the source file are streamed, not loaded.</summary>
    public void Save(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        Write(stream);
    }

    /// <summary>Changes the syntax this file will be written in without touching pixel data (see DicomTranscoder for that).</summary>
    public void SetTransferSyntax(DicomTransferSyntax syntax) => TransferSyntax = syntax;
}
