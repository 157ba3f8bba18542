using System.Reflection;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.IO;

/// <summary>Property test: random data sets survive every writable transfer syntax with identical structure and bytes.</summary>
public class RandomDatasetRoundTripTests
{
    private static readonly (DicomTag Tag, DicomVR VR)[] Plain;
    private static readonly DicomTag[] Sequences;

    static RandomDatasetRoundTripTests()
    {
        var plain = new List<(DicomTag, DicomVR)>();
        var sequences = new List<DicomTag>();
        foreach (var field in typeof(DicomTags).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var tag = (DicomTag)field.GetValue(null)!;
            var entry = DicomDictionary.Find(tag);
            if (entry is null || entry.Mask != 0xFFFFFFFF || tag.Group <= 0x0002 || entry.ValueRepresentations.Count != 1 || tag.Group == 0xFFFE
                || tag == DicomTags.SpecificCharacterSet)
            {
                continue;
            }
            if (entry.VR == DicomVR.SQ)
            {
                sequences.Add(tag);
            }
            else
            {
                plain.Add((tag, entry.VR!));
            }
        }
        Plain = [.. plain];
        Sequences = [.. sequences];
    }

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var uid in new[] { DicomUids.ImplicitVRLittleEndian, DicomUids.ExplicitVRLittleEndian, DicomUids.DeflatedExplicitVRLittleEndian })
        {
            for (var seed = 1; seed <= 25; seed++)
            {
                data.Add(uid, seed);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Random_dataset_round_trips(string uid, int seed)
    {
        var syntax = DicomTransferSyntax.Lookup(uid);
        var random = new Random(seed * 7919);
        var dataset = RandomDataset(random, depth: 0);

        var bytes = DicomDatasetWriter.ToBytes(dataset, syntax);
        var read = DicomDatasetReader.Read(bytes, syntax);

        AssertSame(dataset, read, "");
        DicomDatasetWriter.ToBytes(read, syntax).Should().Equal(bytes);
    }

    private static DicomDataset RandomDataset(Random random, int depth)
    {
        var ds = new DicomDataset { HasUndefinedLength = random.Next(2) == 0 };
        var count = random.Next(depth == 0 ? 5 : 0, depth == 0 ? 40 : 8);
        for (var i = 0; i < count; i++)
        {
            if (depth < 3 && random.Next(8) == 0)
            {
                var items = Enumerable.Range(0, random.Next(0, 3)).Select(_ => RandomDataset(random, depth + 1)).ToList();
                ds.AddOrUpdate(new DicomSequence(Sequences[random.Next(Sequences.Length)], items) { HasUndefinedLength = random.Next(2) == 0 });
                continue;
            }
            var (tag, vr) = Plain[random.Next(Plain.Length)];
            ds.AddOrUpdate(new DicomElement(tag, vr, RandomValue(random, vr)));
        }
        return ds;
    }

    private static byte[] RandomValue(Random random, DicomVR vr)
    {
        if (vr.IsString)
        {
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .^-";
            var length = random.Next(0, Math.Min(vr.MaxLength == 0 ? 200 : vr.MaxLength, 64) + 1);
            var text = new char[length];
            for (var i = 0; i < length; i++)
            {
                text[i] = alphabet[random.Next(alphabet.Length)];
            }
            return DicomValueEncoder.PadToEven(System.Text.Encoding.ASCII.GetBytes(text), vr.Padding);
        }
        var unit = vr == DicomVR.AT ? 4 : Math.Max(vr.UnitSize, 2);
        var bytes = new byte[unit * random.Next(0, 6)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static void AssertSame(DicomDataset expected, DicomDataset actual, string path)
    {
        actual.Select(i => i.Tag).Should().Equal(expected.Select(i => i.Tag), path);
        foreach (var e in expected)
        {
            var a = actual.Find(e.Tag)!;
            a.VR.Should().BeSameAs(e.VR, $"{path}{e.Tag}");
            switch (e)
            {
                case DicomElement element:
                    ((DicomElement)a).Buffer.Memory.ToArray().Should().Equal(element.Buffer.Memory.ToArray(), $"{path}{e.Tag}");
                    break;
                case DicomSequence sequence:
                    var other = (DicomSequence)a;
                    other.Items.Count.Should().Be(sequence.Items.Count);
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        AssertSame(sequence.Items[i], other.Items[i], $"{path}{e.Tag}[{i}]/");
                    }
                    break;
            }
        }
    }
}
