using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Network;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Network.Services;

namespace CloudFilm.Tools.CfDicom.Commands;

/// <summary>
/// <c>scp PORT -od FOLDER</c>: a storage SCP writing each received instance to FOLDER as a Part 10 file, and
/// answering C-FIND, C-MOVE and C-GET from the files in that folder. Runs until interrupted (Ctrl+C).
/// </summary>
internal sealed class ScpCommand : ICommand
{
    public string Summary => "scp [-aet AE] -od FOLDER [--bind ADDRESS] [--move-destination AE=HOST:PORT] [--tls --cert PFX] PORT: storage/query SCP on a folder";

    public async Task<int> RunAsync(string[] args)
    {
        var options = NetworkArguments.Parse(args);
        if (options.Positional.Count != 1 || !int.TryParse(options.Positional[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            Console.Error.WriteLine($"usage: cfdicom {Summary}");
            return 2;
        }

        var folder = options.OutputFolder ?? ".";
        var archive = new FolderArchive(folder);
        var destinations = new Dictionary<string, RemoteApplicationEntity>(StringComparer.Ordinal);
        foreach (var text in options.MoveDestinations)
        {
            var (ae, rest) = Split(text, '=');
            var (host, portText) = Split(rest, ':');
            destinations[ae] = new RemoteApplicationEntity(ae, host, int.Parse(portText, CultureInfo.InvariantCulture));
        }

        var serverOptions = new DicomServerOptions
        {
            AeTitle = options.CallingAe,
            BindAddress = options.Bind,
            Port = port,
            MaxAssociations = options.MaxAssociations,
            MaxPduLength = options.MaxPdu,
            MoveDestinations = destinations,
            Policy = new AeTitlePolicy(),
            Log = new TextWriterNetworkLog(Console.Error, options.Verbose ? NetworkLogLevel.Debug : NetworkLogLevel.Information),
            Tls = options.Tls
                ? new TlsServerOptions(X509CertificateLoader.LoadPkcs12FromFile(
                    options.Certificate ?? throw new DicomException("--tls needs --cert FILE.pfx"), null))
                : null,
        };
        var handlers = new DicomServiceHandlers { Store = new FolderStoreHandler(folder), Find = archive, Move = archive, Get = archive };
        await using var server = new DicomServer(serverOptions, handlers);
        server.Start();
        Console.WriteLine($"listening on {server.LocalEndPoint} as {serverOptions.AeTitle}, storing into {Path.GetFullPath(folder)}");
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        await stop.Task;
        await server.StopAsync();
        return 0;
    }

    private static (string, string) Split(string text, char separator)
    {
        var at = text.LastIndexOf(separator);
        return at < 0 ? throw new DicomException($"'{text}' lacks '{separator}'") : (text[..at], text[(at + 1)..]);
    }
}
