using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using CloudFilm.Benchmarks.Codec;
using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Codecs.Jpeg;
using CloudFilm.Dicom.Codecs.JpegLs;
using CloudFilm.Dicom.Codecs.Rle;

namespace CloudFilm.Benchmarks.Commands;

/// <summary>
/// codec [--runs N] [--files N] [--ct DIR] [--mr DIR] [--ours-only]: JPEG-LS lossless encode/decode speed and compression ratio of
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
        bool oursOnly = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs": runs = int.Parse(args[++i]); break;
                case "--files": files = int.Parse(args[++i]); break;
                case "--ct": ct = args[++i]; break;
                case "--mr": mr = args[++i]; break;
                case "--ours-only": oursOnly = true; break;
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
                results.Add(RunSeries(name, dir, files, runs, Path.Combine(work, name.ToLowerInvariant()), oursOnly));
            }

            var report = new
            {
                benchmark = "codec",
                codec = "JPEG-LS lossless (1.2.840.10008.1.2.4.80)",
                machine = Machine(),
                runs,
                dcmtkTiming = "one dcmcjpls/dcmdjpls process per file minus a no-op dcmconv of the same file (process start, parse, write), summed over files; child CPU time (getrusage) and wall time; best of runs",
                oursTiming = "in process, single thread, after 2 s of warm-up; each run repeats the pass for at least 0.5 s; thread CPU time (getrusage) and wall time per pass; best of runs",
                speedUnit = "MB of native pixels per second; cpu = per CPU-second, wall = per elapsed second (wall is unreliable on a loaded machine)",
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
        Processes.Run("/usr/bin/python3", [SharedBench.Script("gen.py"), "--out", dir, "-n", files.ToString(), "--modality", modality, "--seed", "1"]);
        return dir;
    }

    private static object RunSeries(string name, string dir, int maxFiles, int runs, string work, bool oursOnly)
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

        // Let the JIT finish tiering up the hot loops before measuring.
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed < TimeSpan.FromSeconds(2))
        {
            for (int i = 0; i < images.Count; i++)
            {
                codec.Encode(images[i].Frame, images[i].Format);
                codec.Decode(encoded[i], images[i].Format, buffer);
            }
        }

        var bestEncode = Time(runs, () =>
        {
            foreach (var image in images)
            {
                codec.Encode(image.Frame, image.Format);
            }
        });
        var bestDecode = Time(runs, () =>
        {
            for (int i = 0; i < images.Count; i++)
            {
                codec.Decode(encoded[i], images[i].Format, buffer);
            }
        });

        long ourBytes = encoded.Sum(e => (long)e.Length);
        double mb = nativeBytes / 1e6;
        var ours = new
        {
            encodeMBps = Speed(mb, bestEncode),
            decodeMBps = Speed(mb, bestDecode),
            compressedBytes = ourBytes,
            ratio = Math.Round((double)nativeBytes / ourBytes, 3),
        };
        var otherCodecs = new[]
        {
            OtherCodec("JPEG lossless SV1 (.4.70)", new JpegLosslessCodec(), images, runs, buffer),
            OtherCodec("RLE (.5)", new RleCodec(), images, runs, buffer),
        };
        if (oursOnly)
        {
            return new { modality = name, files = images.Count, nativeMB = Math.Round(mb, 2), ours, otherCodecs };
        }

        // dcmtk (CharLS): codec cost = tool minus a no-op dcmconv of the same file, in child CPU time and wall time.
        string jlsDir = Path.Combine(work, "jls");
        string outDir = Path.Combine(work, "out");
        Directory.CreateDirectory(jlsDir);
        Directory.CreateDirectory(outDir);
        Measure dcmtkEncode = Measure.Worst, dcmtkDecode = Measure.Worst, noopEncode = default, noopDecode = default;
        var jlsPaths = paths.Select((_, i) => Path.Combine(jlsDir, $"{i}.dcm")).ToList();
        for (int r = 0; r < runs; r++)
        {
            Measure encodeTool = default, encodeNoop = default, decodeTool = default, decodeNoop = default;
            for (int i = 0; i < paths.Count; i++)
            {
                encodeTool += Child("dcmcjpls", paths[i], jlsPaths[i]);
                encodeNoop += Child("dcmconv", paths[i], Path.Combine(outDir, "noop.dcm"));
                decodeTool += Child("dcmdjpls", jlsPaths[i], Path.Combine(outDir, "dec.dcm"));
                decodeNoop += Child("dcmconv", jlsPaths[i], Path.Combine(outDir, "noop.dcm"));
            }

            if ((encodeTool - encodeNoop).Cpu < dcmtkEncode.Cpu)
            {
                dcmtkEncode = encodeTool - encodeNoop;
                noopEncode = encodeNoop;
            }

            if ((decodeTool - decodeNoop).Cpu < dcmtkDecode.Cpu)
            {
                dcmtkDecode = decodeTool - decodeNoop;
                noopDecode = decodeNoop;
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

        var f = images[0].Format;
        return new
        {
            modality = name,
            files = images.Count,
            image = $"{f.Columns}x{f.Rows}, {f.BitsAllocated} bits allocated, {f.BitsStored} stored, {(f.IsSigned ? "signed" : "unsigned")}",
            nativeMB = Math.Round(mb, 2),
            ours,
            charls = new
            {
                encodeMBps = Speed(mb, dcmtkEncode),
                decodeMBps = Speed(mb, dcmtkDecode),
                compressedBytes = charlsBytes,
                ratio = Math.Round((double)nativeBytes / charlsBytes, 3),
                noopSubtracted = new
                {
                    encodeCpuSeconds = Math.Round(noopEncode.Cpu, 3),
                    decodeCpuSeconds = Math.Round(noopDecode.Cpu, 3),
                    encodeWallSeconds = Math.Round(noopEncode.Wall, 3),
                    decodeWallSeconds = Math.Round(noopDecode.Wall, 3),
                },
            },
            otherCodecs,
            oursVsCharls = new
            {
                encodeSpeedCpu = Math.Round(dcmtkEncode.Cpu / bestEncode.Cpu, 2),
                decodeSpeedCpu = Math.Round(dcmtkDecode.Cpu / bestDecode.Cpu, 2),
                encodeSpeedWall = Math.Round(dcmtkEncode.Wall / bestEncode.Wall, 2),
                decodeSpeedWall = Math.Round(dcmtkDecode.Wall / bestDecode.Wall, 2),
                compressedSize = Math.Round((double)ourBytes / charlsBytes, 4),
            },
        };
    }

    /// <summary>Our other lossless codecs on the same images, for context: speed (CPU) and ratio, no reference tool.</summary>
    private static object OtherCodec(string label, IPixelCodec codec, List<BenchImage> images, int runs, byte[] buffer)
    {
        var encoded = images.Select(i => codec.Encode(i.Frame, i.Format).Data).ToList();
        for (int i = 0; i < images.Count; i++)
        {
            codec.Decode(encoded[i], images[i].Format, buffer);
            if (!buffer.AsSpan(0, images[i].Frame.Length).SequenceEqual(images[i].Frame))
            {
                throw new InvalidOperationException($"{label} round trip differs for {images[i].Source}");
            }
        }

        Time(1, () =>
        {
            foreach (var image in images)
            {
                codec.Encode(image.Frame, image.Format);
            }
        });
        var bestEncode = Time(runs, () =>
        {
            foreach (var image in images)
            {
                codec.Encode(image.Frame, image.Format);
            }
        });
        var bestDecode = Time(runs, () =>
        {
            for (int i = 0; i < images.Count; i++)
            {
                codec.Decode(encoded[i], images[i].Format, buffer);
            }
        });

        double mb = images.Sum(i => i.Format.FrameLength) / 1e6;
        return new
        {
            codec = label,
            encodeMBps = Speed(mb, bestEncode),
            decodeMBps = Speed(mb, bestDecode),
            ratio = Math.Round(images.Sum(i => (double)i.Format.FrameLength) / encoded.Sum(e => (double)e.Length), 3),
        };
    }

    /// <summary>
    /// Best of <paramref name="runs"/> of the cost of one pass; each run repeats the pass for at least half a second
    /// so that the CPU clock's granularity (a scheduler tick on some kernels) does not matter.
    /// </summary>
    private static Measure Time(int runs, Action pass)
    {
        var best = Measure.Worst;
        for (int r = 0; r < runs; r++)
        {
            int passes = 0;
            var start = Measure.Now();
            Measure elapsed;
            do
            {
                pass();
                passes++;
                elapsed = Measure.Now() - start;
            }
            while (elapsed.Wall < 0.5);

            best = Measure.Best(best, new Measure(elapsed.Cpu / passes, elapsed.Wall / passes));
        }

        return best;
    }

    private static object Speed(double mb, Measure m) => new { cpu = Math.Round(mb / m.Cpu, 1), wall = Math.Round(mb / m.Wall, 1) };

    private static Measure Child(string tool, params string[] arguments)
    {
        double cpu = CpuClock.Children();
        var wall = Processes.Run(tool, arguments);
        return new Measure(CpuClock.Children() - cpu, wall.TotalSeconds);
    }

    /// <summary>CPU and wall seconds of one measured span.</summary>
    private readonly record struct Measure(double Cpu, double Wall)
    {
        public static readonly Measure Worst = new(double.MaxValue, double.MaxValue);

        private static readonly Stopwatch Clock = Stopwatch.StartNew();

        public static Measure Now() => new(CpuClock.Thread(), Clock.Elapsed.TotalSeconds);

        public static Measure Best(Measure a, Measure b) => new(Math.Min(a.Cpu, b.Cpu), Math.Min(a.Wall, b.Wall));

        public static Measure operator -(Measure a, Measure b) => new(a.Cpu - b.Cpu, a.Wall - b.Wall);

        public static Measure operator +(Measure a, Measure b) => new(a.Cpu + b.Cpu, a.Wall + b.Wall);
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
