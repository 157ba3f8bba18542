namespace CloudFilm.Dicom.Imaging;

/// <summary>VOI LUT Function (0028,1056), the shape of the window transform (PS3.3 C.11.2.1.3).</summary>
public enum VoiLutFunction
{
    /// <summary>LINEAR: the −0.5 / −1 offsets of PS3.3 C.11.2.1.2.1; the default when the attribute is absent.</summary>
    Linear,

    /// <summary>LINEAR_EXACT: centre ± width / 2 without offsets (PS3.3 C.11.2.1.3.2).</summary>
    LinearExact,

    /// <summary>SIGMOID: a logistic curve through the centre (PS3.3 C.11.2.1.3.1).</summary>
    Sigmoid,
}
