using System.Globalization;
using System.Text;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Json;

namespace CloudFilm.Tools.CfDicom.Commands;

/// <summary><c>dump FILE [--json]</c>: the meta header and data set as text lines, or the data set as DICOM JSON (PS3.18 F).</summary>
internal sealed class DumpCommand : ICommand
{
    public string Summary => "dump FILE [--json]: print a file's elements (or its DICOM JSON)";

    public Task<int> RunAsync(string[] args)
    {
        var json = args.Contains("--json");
        var files = args.Where(a => a != "--json").ToArray();
        if (files.Length != 1)
        {
            Console.Error.WriteLine("usage: cfdicom dump FILE [--json]");
            return Task.FromResult(2);
        }
        var file = InputFile.Open(files[0]);
        using var stdout = Console.OpenStandardOutput();
        if (json)
        {
            DicomJsonWriter.Write(stdout, file.Dataset, new DicomJsonWriterOptions { Indented = true });
            stdout.Write("\n"u8);
            return Task.FromResult(0);
        }
        var text = new StringBuilder();
        text.Append("# transfer syntax: ").Append(file.TransferSyntax).Append(file.IsTransferSyntaxGuessed ? " (guessed)" : "").Append('\n');
        Append(text, file.Meta, 0);
        Append(text, file.Dataset, 0);
        stdout.Write(Encoding.UTF8.GetBytes(text.ToString()));
        return Task.FromResult(0);
    }

    private static void Append(StringBuilder text, DicomDataset dataset, int depth)
    {
        var indent = new string(' ', depth * 2);
        foreach (var item in dataset)
        {
            var keyword = DicomDictionary.Find(item.Tag)?.Keyword ?? (item.Tag.IsPrivate ? "Private" : "Unknown");
            text.Append(indent).Append(item.Tag).Append(' ').Append(item.VR.Code).Append(' ');
            switch (item)
            {
                case DicomSequence s:
                    text.Append($"({s.Items.Count} items) # {keyword}\n");
                    for (var i = 0; i < s.Items.Count; i++)
                    {
                        text.Append(indent).Append($"  item {i + 1}\n");
                        Append(text, s.Items[i], depth + 2);
                    }
                    break;
                case DicomFragmentSequence f:
                    text.Append($"(encapsulated: offset table {f.OffsetTable.Length} bytes, {f.Fragments.Count} fragments) # {keyword}\n");
                    break;
                case DicomElement e:
                    text.Append('[').Append(Describe(e, dataset)).Append("] # ")
                        .Append(e.Length.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(keyword).Append('\n');
                    break;
            }
        }
    }

    private static string Describe(DicomElement e, DicomDataset dataset)
    {
        if (e.VR.IsString)
        {
            var value = e.GetText(dataset.CharacterSet);
            return value.Length > 80 ? value[..80] + "..." : value;
        }
        if (e.VR.Kind == DicomVRKind.Bulk && e.Length > 16)
        {
            return $"{e.Length} bytes";
        }
        var count = Math.Min(e.GetCount(dataset.CharacterSet), 16);
        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = dataset.TryGetValue<string>(e.Tag, i, out var v) ? v : "?";
        }
        return string.Join('\\', values);
    }
}
