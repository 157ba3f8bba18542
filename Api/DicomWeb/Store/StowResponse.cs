using CloudFilm.Archive.Ingest;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Json;

namespace CloudFilm.Api.DicomWeb.Store;

/// <summary>The Failure Reason (0008,1197) values STOW-RS answers (PS3.18 10.5.3, the storage status codes of PS3.4 B.2.3).</summary>
public static class StowFailureReason
{
    /// <summary>0xA700 Refused: out of resources (also a part larger than <c>DicomWeb:MaxStorePartBytes</c>).</summary>
    public const ushort OutOfResources = 0xA700;

    /// <summary>0xA900 Error: data set does not match SOP class (the meta information names another instance or class).</summary>
    public const ushort DataSetDoesNotMatchSopClass = 0xA900;

    /// <summary>
    /// An instance of another study than the one in the URL. PS3.18 names no code of its own for it; like the "does not
    /// match" of a C-STORE whose data set disagrees with its command, it is answered 0xA900.
    /// </summary>
    public const ushort StudyInstanceUidMismatch = 0xA900;

    /// <summary>0xC000 Error: cannot understand (not a DICOM Part 10 file, or a UID the archive depends on missing).</summary>
    public const ushort CannotUnderstand = 0xC000;

    /// <summary>0xC122 Referenced Transfer Syntax not supported.</summary>
    public const ushort TransferSyntaxNotSupported = 0xC122;

    /// <summary>0x0110 Processing failure (the index could not be written).</summary>
    public const ushort ProcessingFailure = 0x0110;

    public static ushort Of(IngestFailure failure) => failure switch
    {
        IngestFailure.DoesNotMatchSopClass => DataSetDoesNotMatchSopClass,
        IngestFailure.StudyMismatch => StudyInstanceUidMismatch,
        IngestFailure.TransferSyntaxNotSupported => TransferSyntaxNotSupported,
        IngestFailure.OutOfResources => OutOfResources,
        IngestFailure.ProcessingFailure => ProcessingFailure,
        _ => CannotUnderstand,
    };
}

/// <summary>
/// Collects what became of each part and writes the Store Instances Response (PS3.18 Table 10.5.3-1): the study's
/// Retrieve URL, a Referenced SOP Sequence item per stored instance (with its Retrieve URL) and a Failed SOP Sequence
/// item per failed part (with its Failure Reason; the UIDs when they could be read).
/// </summary>
public sealed class StowResponse(string retrieveBase, string? requestedStudy)
{
    private readonly List<DicomDataset> _referenced = [];
    private readonly List<DicomDataset> _failed = [];
    private readonly HashSet<string> _studies = new(StringComparer.Ordinal);

    public int StoredCount => _referenced.Count;

    public int FailedCount => _failed.Count;

    /// <summary>200 every instance stored, 202 some failed, 409 none stored (PS3.18 10.5.3).</summary>
    public int HttpStatus => _failed.Count == 0 ? StatusCodes.Status200OK : _referenced.Count > 0 ? StatusCodes.Status202Accepted : StatusCodes.Status409Conflict;

    /// <summary>The study's URL: the one the request named, else the one study every stored instance belongs to (null when several or none).</summary>
    public string? StudyRetrieveUrl =>
        requestedStudy is not null ? StudyUrl(requestedStudy) : _studies.Count == 1 ? StudyUrl(_studies.First()) : null;

    public void Stored(IngestedInstance instance)
    {
        var record = instance.Record;
        _studies.Add(record.StudyInstanceUid);
        var item = new DicomDataset()
            .Set(DicomTags.ReferencedSOPClassUID, record.SopClassUid)
            .Set(DicomTags.ReferencedSOPInstanceUID, record.SopInstanceUid)
            .Set(DicomTags.RetrieveURL, $"{StudyUrl(record.StudyInstanceUid)}/series/{record.SeriesInstanceUid}/instances/{record.SopInstanceUid}");
        _referenced.Add(item);
    }

    public void Failed(IngestIdentity? identity, ushort reason)
    {
        var item = new DicomDataset();
        if (identity is { SopClassUid.Length: > 0 })
        {
            item.Set(DicomTags.ReferencedSOPClassUID, identity.SopClassUid);
        }
        if (identity is { SopInstanceUid.Length: > 0 })
        {
            item.Set(DicomTags.ReferencedSOPInstanceUID, identity.SopInstanceUid);
        }
        item.Set(DicomTags.FailureReason, reason);
        _failed.Add(item);
    }

    /// <summary>The response data set (the one place to add <c>application/dicom+xml</c> when the toolkit writes PS3.19 XML).</summary>
    public DicomDataset ToDataset()
    {
        var dataset = new DicomDataset();
        if (StudyRetrieveUrl is { } url)
        {
            dataset.Set(DicomTags.RetrieveURL, url);
        }
        if (_failed.Count > 0)
        {
            dataset.Add(new DicomSequence(DicomTags.FailedSOPSequence, _failed));
        }
        if (_referenced.Count > 0)
        {
            dataset.Add(new DicomSequence(DicomTags.ReferencedSOPSequence, _referenced));
        }
        return dataset;
    }

    public string ToJson() => DicomJsonWriter.Serialize(ToDataset());

    private string StudyUrl(string study) => $"{retrieveBase}/studies/{study}";
}
