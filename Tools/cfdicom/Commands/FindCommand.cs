using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Tools.CfDicom.Commands;

/// <summary><c>find HOST PORT -k 0008,0052=STUDY -k 0010,0010=DOE*</c>: C-FIND (PS3.4 C.4.1), one block of lines per match.</summary>
internal sealed class FindCommand : ICommand
{
    public string Summary => "find [-aet AE] [-aec AE] [-P|-S] -k gggg,eeee[=value]... HOST PORT: query with C-FIND";

    public async Task<int> RunAsync(string[] args)
    {
        var options = NetworkArguments.Parse(args);
        var model = options.Model(DicomUids.PatientRootQueryRetrieveInformationModelFind, DicomUids.StudyRootQueryRetrieveInformationModelFind);
        var request = options.Request([new PresentationContextRequest(model, [DicomUids.ImplicitVRLittleEndian])]);
        await using var client = await DicomClient.ConnectAsync(request, CancellationToken.None);
        var matches = 0;
        var final = default(CloudFilm.Dicom.Network.Dimse.DimseStatus);
        await foreach (var response in client.FindAsync(model, options.Identifier()))
        {
            if (response.Status.IsPending && response.DataSet is { } data)
            {
                matches++;
                Console.WriteLine($"# match {matches}");
                foreach (var item in DicomDatasetReader.Read(data, DicomTransferSyntax.ImplicitVRLittleEndian))
                {
                    Console.WriteLine(item is CloudFilm.Dicom.Data.DicomElement e ? $"{item.Tag} {item.VR} [{e.GetText(CloudFilm.Dicom.Text.DicomCharacterSet.Default)}]" : $"{item.Tag} {item.VR}");
                }
            }
            else if (!response.Status.IsPending)
            {
                final = response.Status;
            }
        }

        await client.ReleaseAsync();
        Console.WriteLine($"# {matches} match(es), final status {final}");
        return final.IsSuccess ? 0 : 1;
    }
}
