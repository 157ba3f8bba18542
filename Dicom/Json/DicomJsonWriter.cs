using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using CloudFilm.Dicom.Data;

namespace CloudFilm.Dicom.Json;

/// <summary>
/// Writes the DICOM JSON model (PS3.18 Annex F): tags as 8 upper-case hex digits in ascending order, "vr" always,
/// "Value" arrays; PN as Alphabetic/Ideographic/Phonetic objects; IS, DS and binary numbers as JSON numbers (an
/// invalid DS/IS kept as its string, SV/UV beyond 2^53 as strings, F.2.3); AT as hex strings; empty values as null
/// and empty attributes with "vr" only (F.2.5); OB, OD, OF, OL, OV, OW, UN and encapsulated pixel data as InlineBinary
/// or a BulkDataURI the caller chooses (F.2.6, F.2.7). Group lengths are left out (F.2.2). The output is UTF-8 with
/// non-ASCII characters unescaped; (0008,0005) keeps its source value (F.2.2 note 3). For a JSON array of many data
/// sets (QIDO-RS, WADO-RS metadata) use <see cref="DicomJsonArrayWriter"/>.
/// </summary>
public static class DicomJsonWriter
{
    /// <summary>The DICOM JSON object of a data set (PS3.18 F.2) as a string.</summary>
    public static string Serialize(DicomDataset dataset, DicomJsonWriterOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, dataset, options);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the DICOM JSON object of a data set (PS3.18 F.2) as UTF-8 to a stream.</summary>
    public static void Write(Stream stream, DicomDataset dataset, DicomJsonWriterOptions? options = null)
    {
        options ??= DicomJsonWriterOptions.Default;
        using var writer = new Utf8JsonWriter(stream, WriterOptions(options));
        new JsonDatasetWriter(writer, options).Write(dataset);
    }

    /// <summary>Writes the DICOM JSON object of a data set (PS3.18 F.2) as UTF-8 to a buffer writer.</summary>
    public static void Write(IBufferWriter<byte> output, DicomDataset dataset, DicomJsonWriterOptions? options = null)
    {
        options ??= DicomJsonWriterOptions.Default;
        using var writer = new Utf8JsonWriter(output, WriterOptions(options));
        new JsonDatasetWriter(writer, options).Write(dataset);
    }

    /// <summary>
    /// Encapsulated pixel data written inline is the value as encoded: its items, Basic Offset Table first
    /// (PS3.18 F.2.7, PS3.19 A.1.5).
    /// </summary>
    internal static byte[] EncapsulatedBytes(DicomFragmentSequence fragments)
    {
        using var memory = new MemoryStream();
        IO.DicomDatasetWriter.WriteItem(memory, fragments, explicitVR: false);
        return memory.ToArray()[8..];
    }

    /// <summary>
    /// UTF-8 as is: names in Chinese stay readable and a third smaller than \u escapes. The relaxed encoder still
    /// escapes what JSON requires; the answer is served as JSON, never embedded in HTML. The structure is ours and
    /// tested, so the writer's own structure checks are skipped.
    /// </summary>
    internal static JsonWriterOptions WriterOptions(DicomJsonWriterOptions options) =>
        new() { Indented = options.Indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
}
