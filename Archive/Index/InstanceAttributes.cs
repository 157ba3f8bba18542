using System.Globalization;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;

namespace CloudFilm.Archive.Index;

/// <summary>
/// Reads the indexed attributes of a received data set and checks what the archive depends on: the UIDs that
/// name it and place it (strict), everything else as received (lenient: a bad date is indexed as no date).
/// </summary>
public static class InstanceAttributes
{
    /// <summary>Returns the record, or throws <see cref="InstanceRejectedException"/> naming what is wrong.</summary>
    public static InstanceRecord Read(DicomDataset dataset, InstanceEnvelope envelope)
    {
        var sopInstance = Text(dataset, DicomTags.SOPInstanceUID);
        var sopClass = Text(dataset, DicomTags.SOPClassUID);
        if (sopInstance != envelope.SopInstanceUid)
        {
            throw new InstanceRejectedException(InstanceRejection.DoesNotMatchCommand, "SOP Instance UID in the data set differs from the C-STORE request");
        }
        if (sopClass != envelope.SopClassUid)
        {
            throw new InstanceRejectedException(InstanceRejection.DoesNotMatchCommand, "SOP Class UID in the data set differs from the C-STORE request");
        }
        var study = RequiredUid(dataset, DicomTags.StudyInstanceUID, "Study Instance UID");
        var series = RequiredUid(dataset, DicomTags.SeriesInstanceUID, "Series Instance UID");

        var name = Text(dataset, DicomTags.PatientName);
        return new InstanceRecord
        {
            StudyInstanceUid = study,
            SeriesInstanceUid = series,
            SopInstanceUid = sopInstance,
            SopClassUid = sopClass,
            PatientId = Text(dataset, DicomTags.PatientID),
            IssuerOfPatientId = Text(dataset, DicomTags.IssuerOfPatientID),
            PatientName = name,
            PatientBirthDate = Date(dataset, DicomTags.PatientBirthDate),
            PatientSex = Text(dataset, DicomTags.PatientSex),
            AccessionNumber = Text(dataset, DicomTags.AccessionNumber),
            StudyDate = Date(dataset, DicomTags.StudyDate),
            StudyTime = Text(dataset, DicomTags.StudyTime),
            StudyId = Text(dataset, DicomTags.StudyID),
            StudyDescription = Text(dataset, DicomTags.StudyDescription),
            ReferringPhysician = Text(dataset, DicomTags.ReferringPhysicianName),
            Modality = Text(dataset, DicomTags.Modality),
            SeriesNumber = Integer(dataset, DicomTags.SeriesNumber),
            SeriesDescription = Text(dataset, DicomTags.SeriesDescription),
            BodyPart = Text(dataset, DicomTags.BodyPartExamined),
            InstanceNumber = Integer(dataset, DicomTags.InstanceNumber),
            NumberOfFrames = Math.Max(1, Integer(dataset, DicomTags.NumberOfFrames) ?? 1),
            Rows = Integer(dataset, DicomTags.Rows),
            Columns = Integer(dataset, DicomTags.Columns),
            HasPixelData = dataset.Contains(DicomTags.PixelData),
            TransferSyntaxUid = envelope.TransferSyntaxUid,
            ReceivedSyntaxUid = envelope.TransferSyntaxUid,
            BlobKey = Blobs.BlobStore.KeyOf(study, sopInstance),
            StoredBytes = envelope.Bytes,
            ReceivedBytes = envelope.Bytes,
            SourceAeTitle = envelope.SourceAeTitle,
            ReceivedAt = envelope.ReceivedAt,
        };
    }

    /// <summary>
    /// Opens a stored Part 10 file up to its Pixel Data (large values are not read) for <see cref="ReadStored"/>;
    /// throws <see cref="DicomException"/> or <see cref="IOException"/> when it cannot be read.
    /// </summary>
    public static DicomFile OpenStored(string path) => DicomFile.Open(path, new DicomReadOptions { StopBeforePixelData = true });

    /// <summary>The record of a file opened with <see cref="OpenStored"/>: as <see cref="Read"/>, Pixel Data counted though not read.</summary>
    public static InstanceRecord ReadStored(DicomFile file, InstanceEnvelope envelope)
    {
        var record = Read(file.Dataset, envelope);
        // Reading stopped before Pixel Data, which is how we know it is there.
        return record with { HasPixelData = record.HasPixelData || file.IsPixelDataOmitted };
    }

    /// <summary>Upper-cased name for prefix search: every component group, so "ZHANG" and "张" both find "Zhang^San=张^三".</summary>
    public static string SearchableName(string name) => name.ToUpperInvariant();

    /// <summary>The ideographic component group of a person name (PS3.5 6.2.1.1), upper-cased; "" when absent.</summary>
    public static string IdeographicGroup(string name)
    {
        var groups = name.Split('=');
        return groups.Length > 1 ? groups[1].ToUpperInvariant() : "";
    }

    private static string RequiredUid(DicomDataset dataset, DicomTag tag, string what)
    {
        var uid = Text(dataset, tag);
        if (!Blobs.BlobStore.IsSafeUid(uid))
        {
            throw new InstanceRejectedException(InstanceRejection.MissingAttribute, uid.Length == 0 ? $"{what} is missing" : $"{what} is not a valid UID");
        }
        return uid;
    }

    private static string Text(DicomDataset dataset, DicomTag tag)
    {
        try
        {
            return (dataset.GetString(tag) ?? "").Trim('\0', ' ');
        }
        catch (DicomException)
        {
            return "";
        }
    }

    private static DateOnly? Date(DicomDataset dataset, DicomTag tag) =>
        DateOnly.TryParseExact(Text(dataset, tag), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static int? Integer(DicomDataset dataset, DicomTag tag)
    {
        try
        {
            return dataset.TryGetValue<int>(tag, out var value) ? value : null;
        }
        catch (DicomException)
        {
            return null;
        }
    }
}

/// <summary>What the C-STORE request says about the instance, beside its data set.</summary>
public sealed record InstanceEnvelope(
    string SopClassUid,
    string SopInstanceUid,
    string TransferSyntaxUid,
    string SourceAeTitle,
    long Bytes,
    DateTimeOffset ReceivedAt);

public enum InstanceRejection
{
    DoesNotMatchCommand,
    MissingAttribute,
    Unreadable,
}

/// <summary>The instance cannot be archived as sent; the sender gets a failure status naming why.</summary>
public sealed class InstanceRejectedException(InstanceRejection reason, string message) : Exception(message)
{
    public InstanceRejection Reason { get; } = reason;
}
