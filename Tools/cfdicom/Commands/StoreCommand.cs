using CloudFilm.Dicom.IO;
using System.Collections.Concurrent;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Network;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Network.Services;

namespace CloudFilm.Tools.CfDicom.Commands;

/// <summary>
/// <c>store HOST PORT FILE|FOLDER...</c>: C-STORE every DICOM file found, over <c>-j N</c> parallel associations.
/// Each association proposes the SOP classes and syntaxes of its files with an uncompressed fallback; files go as
/// stored when their syntax is accepted, otherwise transcoded (decompressed) to uncompressed little endian.
/// </summary>
internal sealed class StoreCommand : ICommand
{
    public string Summary => "store [-aet AE] [-aec AE] [-j N] HOST PORT FILE|FOLDER...: send files with C-STORE";

    public async Task<int> RunAsync(string[] args)
    {
        var options = NetworkArguments.Parse(args);
        options.HostAndPort();
        var files = new List<(string Path, DicomFileHeader Header)>();
        var unreadable = 0;
        foreach (var path in options.Positional.Skip(2).SelectMany(Expand))
        {
            try
            {
                files.Add((path, DicomFileHeader.Read(path)));
            }
            catch (Exception e) when (e is DicomException or IOException or EndOfStreamException)
            {
                Console.Error.WriteLine($"skipping {path}: {e.Message}");
                unreadable++;
            }
        }

        if (files.Count == 0)
        {
            Console.Error.WriteLine("no DICOM files to send");
            return 1;
        }

        var parallel = Math.Clamp(options.Parallel, 1, Math.Max(1, files.Count));
        var failures = new ConcurrentBag<string>();
        var sent = 0;
        var started = DateTime.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(0, parallel), async (worker, ct) =>
        {
            var mine = files.Where((_, index) => index % parallel == worker).ToList();
            await using var client = await DicomClient.ConnectAsync(options.Request(Part10Sending.ContextsFor(mine.Select(f => f.Header))), ct);
            foreach (var (path, header) in mine)
            {
                try
                {
                    var response = await client.StoreFileAsync(path, header, ct);
                    if (!response.Status.IsSuccessOrWarning)
                    {
                        failures.Add($"{path}: status {response.Status} {response.Command.ErrorComment}");
                    }
                    else
                    {
                        Interlocked.Increment(ref sent);
                    }
                }
                catch (DicomException e) when (!client.Association.Completion.IsCompleted)
                {
                    failures.Add($"{path}: {e.Message}");
                }
            }

            await client.ReleaseAsync(ct);
        });

        foreach (var failure in failures)
        {
            Console.Error.WriteLine(failure);
        }

        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        Console.WriteLine($"sent {sent} of {files.Count} files over {parallel} association(s) in {seconds:0.00} s");
        return failures.IsEmpty && unreadable == 0 ? 0 : 1;
    }

    private static IEnumerable<string> Expand(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [path];
}
