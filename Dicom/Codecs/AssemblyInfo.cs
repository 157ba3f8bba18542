using System.Runtime.CompilerServices;

// Codec tests reach internal seams (for example a JPEG 2000 codec without its native library).
[assembly: InternalsVisibleTo("CloudFilm.Dicom.Tests")]
