namespace CloudFilm.Dicom.Uids;

/// <summary>Well-known UIDs (PS3.6 Annex A): SOP classes the platform meets most, and the application context.</summary>
public static class DicomUids
{
    public const string DicomApplicationContext = "1.2.840.10008.3.1.1.1";
    public const string Verification = "1.2.840.10008.1.1";
    public const string ComputedRadiographyImageStorage = "1.2.840.10008.5.1.4.1.1.1";
    public const string DigitalXRayImageStorageForPresentation = "1.2.840.10008.5.1.4.1.1.1.1";
    public const string DigitalMammographyXRayImageStorageForPresentation = "1.2.840.10008.5.1.4.1.1.1.2";
    public const string CTImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    public const string EnhancedCTImageStorage = "1.2.840.10008.5.1.4.1.1.2.1";
    public const string UltrasoundMultiFrameImageStorage = "1.2.840.10008.5.1.4.1.1.3.1";
    public const string MRImageStorage = "1.2.840.10008.5.1.4.1.1.4";
    public const string EnhancedMRImageStorage = "1.2.840.10008.5.1.4.1.1.4.1";
    public const string UltrasoundImageStorage = "1.2.840.10008.5.1.4.1.1.6.1";
    public const string SecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7";
    public const string XRayAngiographicImageStorage = "1.2.840.10008.5.1.4.1.1.12.1";
    public const string XRayRadiofluoroscopicImageStorage = "1.2.840.10008.5.1.4.1.1.12.2";
    public const string NuclearMedicineImageStorage = "1.2.840.10008.5.1.4.1.1.20";
    public const string PositronEmissionTomographyImageStorage = "1.2.840.10008.5.1.4.1.1.128";
    public const string RTImageStorage = "1.2.840.10008.5.1.4.1.1.481.1";
    public const string RTDoseStorage = "1.2.840.10008.5.1.4.1.1.481.2";
    public const string RTStructureSetStorage = "1.2.840.10008.5.1.4.1.1.481.3";
    public const string RTPlanStorage = "1.2.840.10008.5.1.4.1.1.481.5";
    public const string BasicTextSRStorage = "1.2.840.10008.5.1.4.1.1.88.11";
    public const string EnhancedSRStorage = "1.2.840.10008.5.1.4.1.1.88.22";
    public const string ComprehensiveSRStorage = "1.2.840.10008.5.1.4.1.1.88.33";
    public const string EncapsulatedPdfStorage = "1.2.840.10008.5.1.4.1.1.104.1";
    public const string GrayscaleSoftcopyPresentationStateStorage = "1.2.840.10008.5.1.4.1.1.11.1";
    public const string DigitalXRayImageStorageForProcessing = "1.2.840.10008.5.1.4.1.1.1.1.1";
    public const string TwelveLeadEcgWaveformStorage = "1.2.840.10008.5.1.4.1.1.9.1.1";
    public const string StudyRootQueryRetrieveFind = "1.2.840.10008.5.1.4.1.2.2.1";
    public const string StudyRootQueryRetrieveMove = "1.2.840.10008.5.1.4.1.2.2.2";
    public const string StudyRootQueryRetrieveGet = "1.2.840.10008.5.1.4.1.2.2.3";
    public const string PatientRootQueryRetrieveFind = "1.2.840.10008.5.1.4.1.2.1.1";
    public const string PatientRootQueryRetrieveMove = "1.2.840.10008.5.1.4.1.2.1.2";
    public const string PatientRootQueryRetrieveGet = "1.2.840.10008.5.1.4.1.2.1.3";
    public const string ModalityWorklistFind = "1.2.840.10008.5.1.4.31";
    public const string StorageCommitmentPushModel = "1.2.840.10008.1.20.1";

    /// <summary>Implementation Class UID written in the meta header of files this toolkit creates (PS3.7 D.3.3.2); a UUID-derived UID (PS3.5 §B.2).</summary>
    public const string ImplementationClassUid = "2.25.239274405574683509323109640045505887692";

    /// <summary>Implementation Version Name written alongside <see cref="ImplementationClassUid"/>.</summary>
    public const string ImplementationVersionName = "CLOUDFILM_1";
}
