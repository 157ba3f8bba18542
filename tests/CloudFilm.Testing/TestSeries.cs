using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Testing;

/// <summary>Builds small CT series as Part 10 files (Explicit VR LE) with a smooth phantom that JPEG-LS compresses well.</summary>
public sealed class TestSeries
{
    public string StudyInstanceUid { get; init; } = DicomUidGenerator.NewUid();
    public string SeriesInstanceUid { get; init; } = DicomUidGenerator.NewUid();
    public string PatientId { get; init; } = "P-" + Guid.NewGuid().ToString("N")[..8];
    public string Issuer { get; init; } = "HIS";
    public string PatientName { get; init; } = "Zhang^San=张^三";
    public string CharacterSet { get; init; } = "ISO_IR 192";
    public string AccessionNumber { get; init; } = "A" + Random.Shared.Next(1_000_000, 9_999_999);
    public string StudyDate { get; init; } = "20261123";
    public int Size { get; init; } = 64;

    public DicomDataset Instance(int number, string? sopInstanceUid = null)
    {
        var ds = new DicomDataset();
        ds.Set(DicomTags.SpecificCharacterSet, CharacterSet);
        ds.Set(DicomTags.SOPClassUID, DicomUids.CTImageStorage);
        ds.Set(DicomTags.SOPInstanceUID, sopInstanceUid ?? DicomUidGenerator.NewUid());
        ds.Set(DicomTags.StudyDate, StudyDate);
        ds.Set(DicomTags.StudyTime, "101500");
        ds.Set(DicomTags.AccessionNumber, AccessionNumber);
        ds.Set(DicomTags.Modality, "CT");
        ds.Set(DicomTags.ReferringPhysicianName, "Li^Si");
        ds.Set(DicomTags.StudyDescription, "胸部 CT");
        ds.Set(DicomTags.PatientName, PatientName);
        ds.Set(DicomTags.PatientID, PatientId);
        ds.Set(DicomTags.IssuerOfPatientID, Issuer);
        ds.Set(DicomTags.PatientBirthDate, "19800101");
        ds.Set(DicomTags.PatientSex, "M");
        ds.Set(DicomTags.BodyPartExamined, "CHEST");
        ds.Set(DicomTags.StudyInstanceUID, StudyInstanceUid);
        ds.Set(DicomTags.SeriesInstanceUID, SeriesInstanceUid);
        ds.Set(DicomTags.StudyID, "1");
        ds.Set(DicomTags.SeriesNumber, 2);
        ds.Set(DicomTags.InstanceNumber, number);
        ds.Set(DicomTags.SamplesPerPixel, (ushort)1);
        ds.Set(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        ds.Set(DicomTags.Rows, (ushort)Size);
        ds.Set(DicomTags.Columns, (ushort)Size);
        ds.Set(DicomTags.BitsAllocated, (ushort)16);
        ds.Set(DicomTags.BitsStored, (ushort)12);
        ds.Set(DicomTags.HighBit, (ushort)11);
        ds.Set(DicomTags.PixelRepresentation, (ushort)0);
        ds.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OW, Pixels(number)));
        return ds;
    }

    public byte[] Pixels(int number)
    {
        var pixels = new byte[Size * Size * 2];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var r2 = (x - Size / 2) * (x - Size / 2) + (y - Size / 2) * (y - Size / 2);
                var value = r2 < Size * Size / 6 ? 1000 + number + (x + y) % 7 : 40 + (x * 3 + y) % 5;
                pixels[2 * (y * Size + x)] = (byte)value;
                pixels[2 * (y * Size + x) + 1] = (byte)(value >> 8);
            }
        }
        return pixels;
    }

    /// <summary>Writes <paramref name="count"/> instances into <paramref name="folder"/>; returns their paths in order.</summary>
    public IReadOnlyList<string> WriteFiles(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var path = Path.Combine(folder, $"{SeriesInstanceUid}-{i:D4}.dcm");
            new DicomFile(Instance(i), DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
            paths.Add(path);
        }
        return paths;
    }
}
