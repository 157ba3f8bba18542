using CloudFilm.Dicom.Network;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Network.Services;

namespace CloudFilm.Tools.CfDicom.Commands;

/// <summary>
/// <c>get HOST PORT -od FOLDER -k ...</c>: C-GET (PS3.4 C.4.3), receiving the instances on the same association
/// (SCP role for the storage classes, PS3.7 D.3.3.4) and writing them to FOLDER.
/// </summary>
internal sealed class GetCommand : ICommand
{
    /// <summary>Storage classes offered for the SCP role: the common image and document classes (PS3.4 B.5).</summary>
    private static readonly string[] StorageClasses =
    [
        "1.2.840.10008.5.1.4.1.1.1", "1.2.840.10008.5.1.4.1.1.1.1", "1.2.840.10008.5.1.4.1.1.1.2", "1.2.840.10008.5.1.4.1.1.2",
        "1.2.840.10008.5.1.4.1.1.2.1", "1.2.840.10008.5.1.4.1.1.3.1", "1.2.840.10008.5.1.4.1.1.4", "1.2.840.10008.5.1.4.1.1.4.1",
        "1.2.840.10008.5.1.4.1.1.6.1", "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.5.1.4.1.1.12.1", "1.2.840.10008.5.1.4.1.1.12.2",
        "1.2.840.10008.5.1.4.1.1.20", "1.2.840.10008.5.1.4.1.1.128", "1.2.840.10008.5.1.4.1.1.481.1", "1.2.840.10008.5.1.4.1.1.481.2",
        "1.2.840.10008.5.1.4.1.1.481.3", "1.2.840.10008.5.1.4.1.1.481.5", "1.2.840.10008.5.1.4.1.1.88.11", "1.2.840.10008.5.1.4.1.1.88.22",
        "1.2.840.10008.5.1.4.1.1.9.1.1", "1.2.840.10008.5.1.4.1.1.66.4", "1.2.840.10008.5.1.4.1.1.104.1",
    ];

    private static readonly string[] Syntaxes =
    [
        NetworkUids.ExplicitVRLittleEndian, NetworkUids.ImplicitVRLittleEndian, "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.57",
        "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.5", NetworkUids.ExplicitVRBigEndian,
    ];

    public string Summary => "get [-aet AE] [-aec AE] [-P|-S] -od FOLDER -k gggg,eeee=value... HOST PORT: retrieve here with C-GET";

    public async Task<int> RunAsync(string[] args)
    {
        var options = NetworkArguments.Parse(args);
        var model = options.Model(NetworkUids.PatientRootGet, NetworkUids.StudyRootGet);
        var contexts = new List<PresentationContextRequest> { new(model, [NetworkUids.ImplicitVRLittleEndian]) };
        // One context per storage class and syntax: the SCP must find one matching each instance's own syntax.
        foreach (var sopClass in StorageClasses)
        {
            foreach (var syntax in Syntaxes)
            {
                if (contexts.Count < 128)
                {
                    contexts.Add(new PresentationContextRequest(sopClass, [syntax], OfferScpRole: true));
                }
            }
        }

        var store = new FolderStoreHandler(options.OutputFolder ?? ".");
        await using var client = await DicomClient.ConnectAsync(options.Request(contexts), CancellationToken.None, store);
        var final = await RetrieveProgress.PrintAsync(client.GetAsync(model, options.Identifier()));
        await client.ReleaseAsync();
        return final.IsSuccess ? 0 : 1;
    }
}
