namespace CloudFilm.Dicom.Deidentification;

/// <summary>What de-identifying one data set found.</summary>
/// <param name="MayContainBurnedInText">
/// The pixels may show identifying text (Burned In Annotation YES, or an ultrasound, secondary capture or
/// angiography image that does not say NO): the header is clean, the pixels are not cleaned here.
/// </param>
/// <param name="RemovedElements">How many elements were removed or emptied.</param>
public sealed record DeidentificationResult(bool MayContainBurnedInText, int RemovedElements);
