using CloudFilm.Benchmarks.Commands;

// CloudFilm benchmarks: each area is a subcommand registered here once; results are printed as JSON.
var commands = new Dictionary<string, IBenchmarkCommand>(StringComparer.Ordinal)
{
    ["codec"] = new CodecBenchmarkCommand(),
    ["dicomweb"] = new DicomWebBenchmarkCommand(),
    ["index"] = new IndexBenchmarkCommand(),
    ["ingest"] = new IngestBenchmarkCommand(),
    ["dispatch"] = new DispatchBenchmarkCommand(),
    ["store"] = new StoreBenchmarkCommand(),
    ["queue"] = new QueueBenchmarkCommand(),
    ["share"] = new ShareBenchmarkCommand(),
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage: CloudFilm.Benchmarks <command> [options]");
    foreach (var (name, c) in commands.OrderBy(p => p.Key, StringComparer.Ordinal))
    {
        Console.Error.WriteLine($"  {name,-10} {c.Summary}");
    }

    return 2;
}

return await command.RunAsync(args[1..]);
