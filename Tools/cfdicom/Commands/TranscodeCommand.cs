using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Tools.CfDicom.Commands;

/// <summary><c>transcode IN OUT --ts UID</c>: rewrites a file in another transfer syntax (PS3.5 §10).</summary>
internal sealed class TranscodeCommand : ICommand
{
    public string Summary => "transcode IN OUT --ts UID: rewrite a file in another transfer syntax";

    public Task<int> RunAsync(string[] args)
    {
        var ts = Array.IndexOf(args, "--ts");
        if (ts < 0 || ts + 1 >= args.Length)
        {
            Console.Error.WriteLine("usage: cfdicom transcode IN OUT --ts UID");
            return Task.FromResult(2);
        }
        var uid = args[ts + 1];
        var paths = args.Where((_, i) => i != ts && i != ts + 1).ToArray();
        if (paths.Length != 2)
        {
            Console.Error.WriteLine("usage: cfdicom transcode IN OUT --ts UID");
            return Task.FromResult(2);
        }
        if (!DicomTransferSyntax.IsKnown(uid))
        {
            Console.Error.WriteLine($"cfdicom transcode: unknown transfer syntax {uid}");
            return Task.FromResult(2);
        }
        var source = InputFile.Open(paths[0]);
        var result = DicomTranscoder.Transcode(source, DicomTransferSyntax.Lookup(uid));
        var temporary = paths[1] + ".tmp";
        try
        {
            result.Save(temporary);
            File.Move(temporary, paths[1], overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        return Task.FromResult(0);
    }
}
