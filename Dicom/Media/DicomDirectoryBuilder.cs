using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Media;

/// <summary>
/// Builds the DICOMDIR of a file-set (PS3.10 §8, PS3.3 Annex F Basic Directory IOD) so ordinary viewers open an
/// exported study from a folder or a zip: PATIENT → STUDY → SERIES → IMAGE records linked by byte offsets,
/// each IMAGE naming its file by a Referenced File ID of up to eight components of up to eight characters
/// (A–Z, 0–9, _). Text is written as ISO_IR 192 so Chinese names survive.
/// </summary>
public sealed class DicomDirectoryBuilder
{
    private readonly List<(string[] FileId, DicomDataset Header, string SopClass, string SopInstance, string TransferSyntax)> _files = [];

    /// <summary>Adds one file of the set: its path inside the set as File ID components, and its header.</summary>
    public void Add(IReadOnlyList<string> fileId, DicomFile file)
    {
        if (fileId.Count is 0 or > 8 || fileId.Any(c => !IsFileIdComponent(c)))
        {
            throw new ArgumentException($"'{string.Join('/', fileId)}' is not a DICOM File ID: 1–8 components of 1–8 characters A–Z, 0–9, _ (PS3.10 §8.5)", nameof(fileId));
        }
        var ds = file.Dataset;
        _files.Add(([.. fileId], ds,
            file.Meta.GetString(DicomTags.MediaStorageSOPClassUID) ?? ds.GetString(DicomTags.SOPClassUID) ?? "",
            file.Meta.GetString(DicomTags.MediaStorageSOPInstanceUID) ?? ds.GetString(DicomTags.SOPInstanceUID) ?? "",
            file.TransferSyntax.Uid));
    }

    public static bool IsFileIdComponent(string component) =>
        component.Length is >= 1 and <= 8 && component.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');

    /// <summary>The DICOMDIR file for everything added, with every offset filled in.</summary>
    public DicomFile Build(string fileSetId)
    {
        var tree = _files
            .GroupBy(f => (f.Header.GetString(DicomTags.PatientID) ?? "", f.Header.GetString(DicomTags.PatientName) ?? ""))
            .Select(p => new Node("PATIENT", PatientKeys(p.First().Header), p
                .GroupBy(f => f.Header.GetString(DicomTags.StudyInstanceUID) ?? "")
                .Select(s => new Node("STUDY", StudyKeys(s.First().Header), s
                    .GroupBy(f => f.Header.GetString(DicomTags.SeriesInstanceUID) ?? "")
                    .Select(se => new Node("SERIES", SeriesKeys(se.First().Header), se
                        .Select(f => new Node("IMAGE", ImageKeys(f), []))
                        .ToList()))
                    .ToList()))
                .ToList()))
            .ToList();

        // Records in depth-first order, as directory readers expect to find them.
        var records = new List<Node>();
        void Flatten(IEnumerable<Node> nodes)
        {
            foreach (var node in nodes)
            {
                records.Add(node);
                Flatten(node.Children);
            }
        }
        Flatten(tree);

        // Nothing may follow the record sequence: the offsets below are measured from the end of the file.
        // Each record carries its own Specific Character Set, so the root needs none.
        var root = new DicomDataset();
        root.Set(DicomTags.FileSetID, DicomVR.CS, fileSetId);
        root.Set(DicomTags.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, DicomVR.UL, 0u);
        root.Set(DicomTags.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity, DicomVR.UL, 0u);
        root.Set(DicomTags.FileSetConsistencyFlag, DicomVR.US, (ushort)0);
        foreach (var record in records)
        {
            record.Item.HasUndefinedLength = false;
        }
        var sequence = new DicomSequence(DicomTags.DirectoryRecordSequence, records.Select(r => r.Item)) { HasUndefinedLength = false };
        root.Add(sequence);

        var file = new DicomFile(root, DicomTransferSyntax.ExplicitVRLittleEndian);
        file.Meta.Set(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, DicomUids.MediaStorageDirectoryStorage);
        file.Meta.Set(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, DicomUidGenerator.NewUid());

        // Offsets count bytes from the start of the file; every offset is a fixed-size UL, so filling them in
        // does not move anything: measure once, fill, and the layout stays as measured.
        var total = Length(file);
        var itemLengths = records.Select(r => 8L + DicomDatasetWriter.ToBytes(r.Item, DicomTransferSyntax.ExplicitVRLittleEndian).Length).ToList();
        var position = total - itemLengths.Sum();
        for (var i = 0; i < records.Count; i++)
        {
            records[i].Offset = (uint)position;
            position += itemLengths[i];
        }
        Link(tree);
        root.Set(DicomTags.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, DicomVR.UL, tree.Count > 0 ? tree[0].Offset : 0u);
        root.Set(DicomTags.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity, DicomVR.UL, tree.Count > 0 ? tree[^1].Offset : 0u);
        if (Length(file) != total)
        {
            throw new InvalidOperationException("the DICOMDIR changed size while its offsets were filled in");
        }
        return file;
    }

    private static void Link(List<Node> siblings)
    {
        for (var i = 0; i < siblings.Count; i++)
        {
            var node = siblings[i];
            node.Item.Set(DicomTags.OffsetOfTheNextDirectoryRecord, DicomVR.UL, i + 1 < siblings.Count ? siblings[i + 1].Offset : 0u);
            node.Item.Set(DicomTags.OffsetOfReferencedLowerLevelDirectoryEntity, DicomVR.UL, node.Children.Count > 0 ? node.Children[0].Offset : 0u);
            Link(node.Children);
        }
    }

    private static long Length(DicomFile file)
    {
        using var counter = new CountingStream();
        file.Write(counter);
        return counter.Length;
    }

    private static DicomDataset Record(string type)
    {
        var item = new DicomDataset();
        item.Set(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        item.Set(DicomTags.OffsetOfTheNextDirectoryRecord, DicomVR.UL, 0u);
        item.Set(DicomTags.RecordInUseFlag, DicomVR.US, (ushort)0xFFFF);
        item.Set(DicomTags.OffsetOfReferencedLowerLevelDirectoryEntity, DicomVR.UL, 0u);
        item.Set(DicomTags.DirectoryRecordType, DicomVR.CS, type);
        return item;
    }

    private static void Copy(DicomDataset from, DicomDataset to, DicomTag tag, DicomVR vr, string fallback = "")
    {
        var value = from.GetString(tag);
        to.Set(tag, vr, string.IsNullOrEmpty(value) ? fallback : value);
    }

    private static DicomDataset PatientKeys(DicomDataset h)
    {
        var r = Record("PATIENT");
        Copy(h, r, DicomTags.PatientName, DicomVR.PN);
        Copy(h, r, DicomTags.PatientID, DicomVR.LO);
        return r;
    }

    private static DicomDataset StudyKeys(DicomDataset h)
    {
        var r = Record("STUDY");
        Copy(h, r, DicomTags.StudyDate, DicomVR.DA);
        Copy(h, r, DicomTags.StudyTime, DicomVR.TM);
        Copy(h, r, DicomTags.StudyDescription, DicomVR.LO);
        Copy(h, r, DicomTags.StudyInstanceUID, DicomVR.UI);
        Copy(h, r, DicomTags.StudyID, DicomVR.SH);
        Copy(h, r, DicomTags.AccessionNumber, DicomVR.SH);
        return r;
    }

    private static DicomDataset SeriesKeys(DicomDataset h)
    {
        var r = Record("SERIES");
        Copy(h, r, DicomTags.Modality, DicomVR.CS, "OT");
        Copy(h, r, DicomTags.SeriesInstanceUID, DicomVR.UI);
        Copy(h, r, DicomTags.SeriesNumber, DicomVR.IS);
        return r;
    }

    private static DicomDataset ImageKeys((string[] FileId, DicomDataset Header, string SopClass, string SopInstance, string TransferSyntax) f)
    {
        var r = Record("IMAGE");
        r.Set(DicomTags.ReferencedFileID, DicomVR.CS, f.FileId);
        r.Set(DicomTags.ReferencedSOPClassUIDInFile, DicomVR.UI, f.SopClass);
        r.Set(DicomTags.ReferencedSOPInstanceUIDInFile, DicomVR.UI, f.SopInstance);
        r.Set(DicomTags.ReferencedTransferSyntaxUIDInFile, DicomVR.UI, f.TransferSyntax);
        Copy(f.Header, r, DicomTags.InstanceNumber, DicomVR.IS);
        return r;
    }

    private sealed class Node(string type, DicomDataset item, List<Node> children)
    {
        public string Type { get; } = type;

        public DicomDataset Item { get; } = item;

        public List<Node> Children { get; } = children;

        public uint Offset { get; set; }
    }

    private sealed class CountingStream : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        private long _length;
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
