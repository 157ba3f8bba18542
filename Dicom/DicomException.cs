namespace CloudFilm.Dicom;

/// <summary>Base of every error the toolkit raises on purpose. Anything else escaping the toolkit is a bug.</summary>
public class DicomException : Exception
{
    public DicomException(string message) : base(message) { }
    public DicomException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The bytes are not a well-formed DICOM encoding. Says where: byte offset and, when known, the tag.</summary>
public class DicomFormatException : DicomException
{
    public DicomFormatException(string message, long offset, DicomTag? tag = null)
        : base(Describe(message, offset, tag))
    {
        Offset = offset;
        Tag = tag;
    }

    /// <summary>Byte offset from the start of the stream where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>The element being read, when the problem belongs to one.</summary>
    public DicomTag? Tag { get; }

    private static string Describe(string message, long offset, DicomTag? tag) =>
        tag is { } t ? $"{message} at offset {offset}, tag {t}" : $"{message} at offset {offset}";
}

/// <summary>Pixel data in a transfer syntax no codec here handles, or a codec that is missing on this machine.</summary>
public class DicomCodecException : DicomException
{
    public DicomCodecException(string message) : base(message) { }
    public DicomCodecException(string message, Exception inner) : base(message, inner) { }
}
