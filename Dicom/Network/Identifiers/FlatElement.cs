namespace CloudFilm.Dicom.Network.Identifiers;

/// <summary>One top-level element of a <see cref="FlatDataSet"/>: tag, VR when the encoding is explicit, raw value.</summary>
public readonly record struct FlatElement(DicomTag Tag, string? Vr, ReadOnlyMemory<byte> Value);
