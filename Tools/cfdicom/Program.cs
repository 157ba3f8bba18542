using CloudFilm.Tools.CfDicom.Commands;

// cfdicom: command-line access to the CloudFilm DICOM toolkit for people and scripts.
// Each subcommand lives in Commands/ and is registered here once.
var commands = new Dictionary<string, ICommand>(StringComparer.Ordinal)
{
    ["dump"] = new DumpCommand(),
    ["echo"] = new EchoCommand(),
    ["find"] = new FindCommand(),
    ["get"] = new GetCommand(),
    ["move"] = new MoveCommand(),
    ["scp"] = new ScpCommand(),
    ["store"] = new StoreCommand(),
    ["pixels"] = new PixelsCommand(),
    ["render"] = new RenderCommand(),
    ["transcode"] = new TranscodeCommand(),
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage: cfdicom <command> [arguments]");
    foreach (var (name, c) in commands.OrderBy(p => p.Key, StringComparer.Ordinal))
    {
        Console.Error.WriteLine($"  {name,-10} {c.Summary}");
    }
    return 2;
}

try
{
    return await command.RunAsync(args[1..]);
}
catch (CloudFilm.Dicom.DicomException e)
{
    Console.Error.WriteLine($"cfdicom {args[0]}: {e.Message}");
    return 1;
}
catch (IOException e)
{
    Console.Error.WriteLine($"cfdicom {args[0]}: {e.Message}");
    return 1;
}
