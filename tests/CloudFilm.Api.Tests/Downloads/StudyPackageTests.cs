using System.IO.Compression;
using CloudFilm.Api.Sharing.Downloads;
using CloudFilm.Dicom.IO;
using CloudFilm.Testing;
using SkiaSharp;

namespace CloudFilm.Api.Tests.Downloads;

/// <summary>Study packages built from real files (pydicom's samples) and opened by another toolkit.</summary>
public class StudyPackageTests : IDisposable
{
    private const string Samples = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
    private readonly string _dir = Directory.CreateTempSubdirectory("cf-package").FullName;

    private static async IAsyncEnumerable<DicomFile> Files(params string[] names)
    {
        if (!Directory.Exists(Samples))
        {
            throw new InvalidOperationException($"{Samples} is missing: install python3-pydicom (./cloudfilm test does)");
        }
        foreach (var name in names)
        {
            await Task.Yield();
            yield return DicomFile.Open(Path.Combine(Samples, name));
        }
    }

    private async Task<string> ExtractAsync(Func<Stream, Task> write)
    {
        var zipPath = Path.Combine(_dir, "package.zip");
        await using (var output = new NonSeekableStream(File.Create(zipPath)))
        {
            await write(output);
        }
        var folder = Path.Combine(_dir, "unzipped");
        ZipFile.ExtractToDirectory(zipPath, folder);
        return folder;
    }

    [Fact]
    public async Task A_dicom_package_opens_through_its_dicomdir_in_pydicom()
    {
        var folder = await ExtractAsync(o => StudyPackage.WriteDicomAsync(o, Files("CT_small.dcm", "MR_small.dcm", "MR_small_jpeg_ls_lossless.dcm"), false, default));

        File.ReadAllText(Path.Combine(folder, "README.txt")).Should().Contain("Weasis").And.Contain("DICOMDIR");
        var output = ExternalProcess.Run("/usr/bin/python3", ["-c", """
            import sys, pydicom
            from pydicom.fileset import FileSet
            fs = FileSet(pydicom.dcmread(sys.argv[1]))
            print(len(fs), sorted(set(str(i.load().PatientName) for i in fs)))
            """, Path.Combine(folder, "DICOMDIR")]);
        output.Should().StartWith("3 ");
    }

    [Fact]
    public async Task A_deidentified_package_names_nobody()
    {
        var original = DicomFile.Open(Path.Combine(Samples, "CT_small.dcm")).Dataset.GetString(CloudFilm.Dicom.Dictionary.DicomTags.PatientName)!;
        var folder = await ExtractAsync(o => StudyPackage.WriteDicomAsync(o, Files("CT_small.dcm"), true, default));

        var image = Directory.EnumerateFiles(Path.Combine(folder, "DICOM"), "*", SearchOption.AllDirectories).Single();
        var ds = DicomFile.Open(image).Dataset;
        ds.GetString(CloudFilm.Dicom.Dictionary.DicomTags.PatientName).Should().Be("ANONYMOUS").And.NotBe(original);
        ds.GetString(CloudFilm.Dicom.Dictionary.DicomTags.PatientIdentityRemoved).Should().Be("YES");
        System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(folder, "DICOMDIR"))).Should().Contain("ANONYMOUS").And.NotContain(original);
    }

    [Fact]
    public async Task A_jpeg_package_has_one_image_per_frame()
    {
        var folder = await ExtractAsync(o => StudyPackage.WriteJpegAsync(o, Files("CT_small.dcm", "MR_small.dcm"), default));

        var jpegs = Directory.EnumerateFiles(folder, "*.jpg", SearchOption.AllDirectories).Order().ToList();
        jpegs.Select(p => Path.GetRelativePath(folder, p)).Should().Equal("series-01/image-0001.jpg", "series-02/image-0001.jpg");
        using var bitmap = SKBitmap.Decode(jpegs[0]);
        bitmap.Width.Should().Be(128);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>An HTTP response body cannot seek and takes only asynchronous writes: the package must live with both.</summary>
    private sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        // Like an HTTP response body: synchronous writes are refused.
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("synchronous write");
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
