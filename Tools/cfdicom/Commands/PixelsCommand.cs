using System.Security.Cryptography;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Tools.CfDicom.Commands;

/// <summary>
/// <c>pixels FILE --sha256</c>: the SHA-256 of the decoded native pixel data (little endian, frames concatenated), so
/// two encodings of one image can be compared for losslessness.
/// </summary>
internal sealed class PixelsCommand : ICommand
{
    public string Summary => "pixels FILE --sha256: hash of the decoded native pixel data";

    public Task<int> RunAsync(string[] args)
    {
        var files = args.Where(a => a != "--sha256").ToArray();
        if (files.Length != 1 || !args.Contains("--sha256"))
        {
            Console.Error.WriteLine("usage: cfdicom pixels FILE --sha256");
            return Task.FromResult(2);
        }
        var file = InputFile.Open(files[0]);
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var f = 0; f < pixels.NumberOfFrames; f++)
        {
            hash.AppendData(pixels.DecodeFrame(f).Pixels);
        }
        Console.Out.WriteLine($"{Convert.ToHexStringLower(hash.GetHashAndReset())}  {pixels.NumberOfFrames} frames {pixels.Format.Rows}x{pixels.Format.Columns}");
        return Task.FromResult(0);
    }
}
