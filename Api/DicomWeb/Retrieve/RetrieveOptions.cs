using System.ComponentModel.DataAnnotations;

namespace CloudFilm.Api.DicomWeb.Retrieve;

/// <summary>Section <c>DicomWeb</c>: memory for instance metadata (DICOM JSON), per Api copy.</summary>
public sealed class RetrieveOptions
{
    public const string Section = "DicomWeb";

    [Range(1, 1024 * 1024, ErrorMessage = "DicomWeb:MetadataCacheMegabytes must be between 1 and 1048576.")]
    public long MetadataCacheMegabytes { get; set; } = 128;

    /// <summary>Binary values longer than this many bytes are given as a BulkDataURI instead of inline (pixel data always).</summary>
    [Range(0, 1024 * 1024, ErrorMessage = "DicomWeb:InlineBinaryMaxBytes must be between 0 and 1048576.")]
    public int InlineBinaryMaxBytes { get; set; } = 1024;
}
