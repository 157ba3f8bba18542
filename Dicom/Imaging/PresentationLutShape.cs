namespace CloudFilm.Dicom.Imaging;

/// <summary>Presentation LUT Shape (2050,0020), PS3.3 C.11.6.1.2.</summary>
public enum PresentationLutShape
{
    /// <summary>The attribute is absent: MONOCHROME1 alone decides the polarity.</summary>
    Unspecified,

    /// <summary>IDENTITY: the VOI output is already in P-values.</summary>
    Identity,

    /// <summary>INVERSE: the VOI output is inverted to give P-values.</summary>
    Inverse,
}
