using CloudFilm.Dicom;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Tools.CfDicom.Commands;

/// <summary><c>move HOST PORT -dest AE -k ...</c>: C-MOVE (PS3.4 C.4.2) to a destination the SCP knows, with progress.</summary>
internal sealed class MoveCommand : ICommand
{
    public string Summary => "move [-aet AE] [-aec AE] [-P|-S] -dest AE -k gggg,eeee=value... HOST PORT: retrieve to another AE with C-MOVE";

    public async Task<int> RunAsync(string[] args)
    {
        var options = NetworkArguments.Parse(args);
        var destination = options.Destination ?? throw new DicomException("move needs -dest AE");
        var model = options.Model(DicomUids.PatientRootQueryRetrieveInformationModelMove, DicomUids.StudyRootQueryRetrieveInformationModelMove);
        var request = options.Request([new PresentationContextRequest(model, [DicomUids.ImplicitVRLittleEndian])]);
        await using var client = await DicomClient.ConnectAsync(request, CancellationToken.None);
        var final = await RetrieveProgress.PrintAsync(client.MoveAsync(model, destination, options.Identifier()));
        await client.ReleaseAsync();
        return final.IsSuccess ? 0 : 1;
    }
}
