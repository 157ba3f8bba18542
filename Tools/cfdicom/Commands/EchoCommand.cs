using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Tools.CfDicom.Commands;

/// <summary><c>echo HOST PORT</c>: C-ECHO (PS3.7 9.1.5) to check that a peer answers.</summary>
internal sealed class EchoCommand : ICommand
{
    public string Summary => "echo [-aet AE] [-aec AE] [--tls] HOST PORT: verify a DICOM peer with C-ECHO";

    public async Task<int> RunAsync(string[] args)
    {
        var options = NetworkArguments.Parse(args);
        var request = options.Request([new PresentationContextRequest(DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])]);
        await using var client = await DicomClient.ConnectAsync(request, CancellationToken.None);
        var status = await client.EchoAsync();
        await client.ReleaseAsync();
        Console.WriteLine($"C-ECHO {request.CalledAeTitle}@{request.Host}:{request.Port}: status {status}");
        return status.IsSuccess ? 0 : 1;
    }
}
