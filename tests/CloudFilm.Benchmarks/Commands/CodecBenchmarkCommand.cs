using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using CloudFilm.Benchmarks.Codec;
using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Codecs.JpegLs;

namespace CloudFilm.Benchmarks.Commands;

/// <summary>
/// codec [--runs N] [--files N] [--ct DIR] [--mr DIR]: JPEG-LS lossless encode/decode speed and compression ratio of
/// our codec against dcmtk's dcmcjpls/dcmdjpls (CharLS) on the same CT and MR images. dcmtk handles one file per
/// process, so its codec time is the tool's wall time minus a no-op dcmconv of the same file (process start,
/// parsing and writing), summed over files; the best of N runs is reported for both sides.
/// </summary>
internal sealed class CodecBenchmarkCommand : IBenchmarkCommand
{
    public string Summary => "JPEG-LS speed and ratio vs dcmtk (CharLS) on generated CT and MR series";

    public Task<int> RunAsync(string[] args)
    {
        int runs = 3;
        int files = 50;
        string? ct = null;
        string? mr = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs": runs = int.Parse(args[++i]); break;
                case "--files": files = int.Parse(args[++i]); break;
                case "--ct": ct = args[++i]; break;
                case "--mr": mr = args[++i]; break;
                default:
                    Console.Error.WriteLine($"codec: unknown option {args[i]}");
                    return Task.FromResult(2);
            }
        }

        string work = Path.Combine(Path.GetTempPath(), "cloudfilm-codec-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        try
        {
            ct ??= Generate(work, "CT", files);
            mr ??= Generate(work, "MR", files);
            var results = new List<object>();
            foreach (var (name, dir) in new[] { ("CT", ct), ("MR", mr) })
            {
                results.Add(RunSeries(name, dir, files, runs, Path.Combine(work, name.ToLowerInvariant())));
            }

            var report = new
            {
                benchmark = "codec",
                codec = "JPEG-LS lossless (1.2.840.10008.1.2.4.80)",
                machine = Machine(),
                runs,
                dcmtkTiming = "wall time of one dcmcjpls/dcmdjpls process per file minus a no-op dcmconv of the same file, summed; best of runs",
                oursTiming = "in process, single thread, after one warm-up pass; best of runs",
                series = results,
            };
            Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            return Task.FromResult(0);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Generate(string work, string modality, int files)
    {
        string dir = Path.Combine(work, "data-" + modality.ToLowerInvariant());
        Processes.Run("/usr/bin/python3", ["shared/bench/gen.py", "--out", dir, "-n", files.ToString(), "--modality", modality, "--seed", "1"]);
        return dir;
    }

    private static object RunSeries(string name, string dir, int maxFiles, int runs, string work)
    {
        var paths = Directory.EnumerateFiles(dir, "*.dcm", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(maxFiles).ToList();
        var images = FrameExport.Load(paths, Path.Combine(work, "native")).Select(x => x.Image).ToList();
        long nativeBytes = images.Sum(i => i.Format.FrameLength);
        var codec = new JpegLsCodec();

        // Ours: warm up (JIT tiers), check exactness, then time.
        var encoded = images.Select(i => codec.Encode(i.Frame, i.Format).Data).ToList();
        var buffer = new byte[images.Max(i => i.Format.FrameLength)];
        for (int i = 0; i < images.Count; i++)
        {
            codec.Decode(encoded[i], images[i].Format, buffer);
            if (!buffer.AsSpan(0, images[i].Frame.Length).SequenceEqual(images[i].Frame))
            {
                throw new InvalidOperationException($"round trip differs for {images[i].Source}");
            }
        }

        double bestEncode = double.MaxValue, bestDecode = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var image in images)
            {
                codec.Encode(image.Frame, image.Format);
            }

            bestEncode = Math.Min(bestEncode, clock.Elapsed.TotalSeconds);
            clock.Restart();
            for (int i = 0; i < images.Count; i++)
            {
                codec.Decode(encoded[i], images[i].Format, buffer);
            }

            bestDecode = Math.Min(bestDecode, clock.Elapsed.TotalSeconds);
        }

        long ourBytes = encoded.Sum(e => (long)e.Length);

        // dcmtk (CharLS).
        string jlsDir = Path.Combine(work, "jls");
        string outDir = Path.Combine(work, "out");
        Directory.CreateDirectory(jlsDir);
        Directory.CreateDirectory(outDir);
        double dcmtkEncode = double.MaxValue, dcmtkDecode = double.MaxValue;
        double noopEncodeSide = 0, noopDecodeSide = 0;
        var jlsPaths = paths.Select((_, i) => Path.Combine(jlsDir, $"{i}.dcm")).ToList();
        for (int r = 0; r < runs; r++)
        {
            double encodeWall = 0, encodeNoop = 0, decodeWall = 0, decodeNoop = 0;
            for (int i = 0; i < paths.Count; i++)
            {
                encodeWall += Processes.Run("dcmcjpls", [paths[i], jlsPaths[i]]).TotalSeconds;
                encodeNoop += Processes.Run("dcmconv", [paths[i], Path.Combine(outDir, "noop.dcm")]).TotalSeconds;
                decodeWall += Processes.Run("dcmdjpls", [jlsPaths[i], Path.Combine(outDir, "dec.dcm")]).TotalSeconds;
                decodeNoop += Processes.Run("dcmconv", [jlsPaths[i], Path.Combine(outDir, "noop.dcm")]).TotalSeconds;
            }

            if (encodeWall - encodeNoop < dcmtkEncode)
            {
                dcmtkEncode = encodeWall - encodeNoop;
                noopEncodeSide = encodeNoop;
            }

            if (decodeWall - decodeNoop < dcmtkDecode)
            {
                dcmtkDecode = decodeWall - decodeNoop;
                noopDecodeSide = decodeNoop;
            }
        }

        var charls = FrameExport.Load(jlsPaths, Path.Combine(work, "charls"));
        long charlsBytes = charls.Sum(c => (long)c.Image.Frame.Length);
        for (int i = 0; i < charls.Count; i++)
        {
            codec.Decode(charls[i].Image.Frame, images[i].Format, buffer);
            if (!buffer.AsSpan(0, images[i].Frame.Length).SequenceEqual(images[i].Frame))
            {
                throw new InvalidOperationException($"our decode of CharLS output differs for {images[i].Source}");
            }
        }

        double mb = nativeBytes / 1e6;
        var f = images[0].Format;
        return new
        {
            modality = name,
            files = images.Count,
            image = $"{f.Columns}x{f.Rows}, {f.BitsAllocated} bits allocated, {f.BitsStored} stored, {(f.IsSigned ? "signed" : "unsigned")}",
            nativeMB = Math.Round(mb, 2),
            ours = new
            {
                encodeMBps = Math.Round(mb / bestEncode, 1),
                decodeMBps = Math.Round(mb / bestDecode, 1),
                compressedBytes = ourBytes,
                ratio = Math.Round((double)nativeBytes / ourBytes, 3),
            },
            charls = new
            {
                encodeMBps = Math.Round(mb / dcmtkEncode, 1),
                decodeMBps = Math.Round(mb / dcmtkDecode, 1),
                compressedBytes = charlsBytes,
                ratio = Math.Round((double)nativeBytes / charlsBytes, 3),
                noopSecondsSubtracted = new { encode = Math.Round(noopEncodeSide, 3), decode = Math.Round(noopDecodeSide, 3) },
            },
            oursVsCharls = new
            {
                encodeSpeed = Math.Round(dcmtkEncode / bestEncode, 2),
                decodeSpeed = Math.Round(dcmtkDecode / bestDecode, 2),
                compressedSize = Math.Round((double)ourBytes / charlsBytes, 4),
            },
        };
    }

    private static object Machine()
    {
        string cpu = "unknown";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
        }

        return new
        {
            cpu,
            logicalCores = Environment.ProcessorCount,
            os = RuntimeInformation.OSDescription,
            runtime = RuntimeInformation.FrameworkDescription,
        };
    }
}
