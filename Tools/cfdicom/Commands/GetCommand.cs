using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

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
        DicomUids.ComputedRadiographyImageStorage, DicomUids.DigitalXRayImageStorageForPresentation,
        DicomUids.DigitalMammographyXRayImageStorageForPresentation, DicomUids.CTImageStorage,
        DicomUids.EnhancedCTImageStorage, DicomUids.UltrasoundMultiFrameImageStorage, DicomUids.MRImageStorage,
        DicomUids.EnhancedMRImageStorage, DicomUids.UltrasoundImageStorage, DicomUids.SecondaryCaptureImageStorage,
        DicomUids.XRayAngiographicImageStorage, DicomUids.XRayRadiofluoroscopicImageStorage,
        DicomUids.NuclearMedicineImageStorage, DicomUids.PositronEmissionTomographyImageStorage,
        DicomUids.RTImageStorage, DicomUids.RTDoseStorage, DicomUids.RTStructureSetStorage, DicomUids.RTPlanStorage,
        DicomUids.BasicTextSRStorage, DicomUids.EnhancedSRStorage, DicomUids.TwelveLeadECGWaveformStorage,
        DicomUids.SegmentationStorage, DicomUids.EncapsulatedPDFStorage,
    ];

    private static readonly string[] Syntaxes =
    [
        DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian, DicomUids.JPEGLosslessSV1,
        DicomUids.JPEGLossless, DicomUids.JPEGLSLossless, DicomUids.JPEG2000Lossless, DicomUids.JPEGBaseline8Bit,
        DicomUids.RLELossless, DicomUids.ExplicitVRBigEndian,
    ];

    public string Summary => "get [-aet AE] [-aec AE] [-P|-S] -od FOLDER -k gggg,eeee=value... HOST PORT: retrieve here with C-GET";

    public async Task<int> RunAsync(string[] args)
    {
        var options = NetworkArguments.Parse(args);
        var model = options.Model(DicomUids.PatientRootQueryRetrieveInformationModelGet, DicomUids.StudyRootQueryRetrieveInformationModelGet);
        var contexts = new List<PresentationContextRequest> { new(model, [DicomUids.ImplicitVRLittleEndian]) };
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
