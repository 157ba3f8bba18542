using System.IO.Pipelines;
using System.Text.Json;
using CloudFilm.Dicom.Data;

namespace CloudFilm.Dicom.Json;

/// <summary>
/// Streams a JSON array of DICOM JSON objects (PS3.18 F.2.1): the body of a QIDO-RS answer or a WADO-RS metadata
/// answer (PS3.18 10.4.1.1.2), written data set by data set without building the array in memory, flushed to the
/// output about every 32 KB. Call <see cref="WriteAsync"/> per data set, then <see cref="CompleteAsync"/>; an answer
/// abandoned before completion is left unterminated, which a client sees as broken rather than short.
/// Only asynchronous writes reach the output (ASP.NET Core refuses synchronous ones).
/// </summary>
public sealed class DicomJsonArrayWriter : IAsyncDisposable
{
    private const int FlushThreshold = 32 * 1024;

    private readonly Utf8JsonWriter _json;
    private readonly PipeWriter? _pipe;
    private readonly JsonDatasetWriter _datasets;
    private bool _started;

    /// <summary>Writes to a stream (a response body, a file).</summary>
    public DicomJsonArrayWriter(Stream output, DicomJsonWriterOptions? options = null)
    {
        options ??= DicomJsonWriterOptions.Default;
        _json = new Utf8JsonWriter(output, DicomJsonWriter.WriterOptions(options));
        _datasets = new JsonDatasetWriter(_json, options);
    }

    /// <summary>Writes to a pipe (ASP.NET Core's HttpResponse.BodyWriter) without an intermediate copy.</summary>
    public DicomJsonArrayWriter(PipeWriter output, DicomJsonWriterOptions? options = null)
    {
        options ??= DicomJsonWriterOptions.Default;
        _pipe = output;
        _json = new Utf8JsonWriter(output, DicomJsonWriter.WriterOptions(options));
        _datasets = new JsonDatasetWriter(_json, options);
    }

    /// <summary>Data sets written so far.</summary>
    public int Count { get; private set; }

    /// <summary>Appends one data set's DICOM JSON object to the array.</summary>
    public ValueTask WriteAsync(DicomDataset dataset, CancellationToken cancellationToken = default)
    {
        Start();
        _datasets.Write(dataset);
        Count++;
        return _json.BytesPending >= FlushThreshold ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>
    /// Appends a DICOM JSON object serialised earlier (UTF-8, e.g. one instance's metadata kept in a cache), copied
    /// as is: no checks, and <see cref="DicomJsonWriterOptions.IncludeTags"/> and BulkDataURIs are whatever it was
    /// written with.
    /// </summary>
    public ValueTask WriteRawAsync(ReadOnlyMemory<byte> utf8Object, CancellationToken cancellationToken = default)
    {
        Start();
        _json.WriteRawValue(utf8Object.Span, skipInputValidation: true);
        Count++;
        return _json.BytesPending >= FlushThreshold ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Closes the array (an empty one if nothing was written) and flushes everything to the output.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        Start();
        _json.WriteEndArray();
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _json.DisposeAsync();

    private void Start()
    {
        if (!_started)
        {
            _json.WriteStartArray();
            _started = true;
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_pipe is null)
        {
            await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        _json.Flush(); // hands the written bytes to the pipe
        await _pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
