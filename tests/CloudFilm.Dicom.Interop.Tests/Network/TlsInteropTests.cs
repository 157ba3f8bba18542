using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Network;

/// <summary>DICOM over TLS (PS3.15 B.1) between our stack and dcmtk, both directions, with a certificate made at test time.</summary>
public class TlsInteropTests
{
    private static X509Certificate2 SelfSigned(out string keyPem, out string certificatePem)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        keyPem = key.ExportPkcs8PrivateKeyPem();
        certificatePem = created.ExportCertificatePem();
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    [Fact]
    public async Task Echoscu_over_tls_reaches_our_scp()
    {
        using var certificate = SelfSigned(out _, out _);
        using var folder = new TempFolder();
        var log = new InteropLog();
        await using var server = InteropData.StartServer(folder.Path, log, o => o with { Tls = new TlsServerOptions(certificate) });

        var (code, output) = await Dcmtk.RunAsync("echoscu",
            ["+tla", "-ic", "-aec", "CLOUDFILM", "127.0.0.1", server.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture)]);

        code.Should().Be(0, output + log);
        log.Lines.Should().Contain(l => l.Contains("ECHOSCU->CLOUDFILM", StringComparison.Ordinal) && l.Contains("accepted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Our_scu_stores_over_tls_to_storescp()
    {
        using var certificate = SelfSigned(out var keyPem, out var certificatePem);
        using var folder = new TempFolder();
        var received = folder.Sub("received");
        var keyFile = Path.Combine(folder.Path, "key.pem");
        var certificateFile = Path.Combine(folder.Path, "cert.pem");
        await File.WriteAllTextAsync(keyFile, keyPem);
        await File.WriteAllTextAsync(certificateFile, certificatePem);
        var port = ExternalProcess.FreeTcpPort();
        await using var storescp = await Dcmtk.StartAsync("storescp",
            ["+tls", keyFile, certificateFile, "-ic", "-aet", "TLSSCP", "-od", received, port.ToString(CultureInfo.InvariantCulture)], port);
        var file = InteropData.Pydicom("CT_small.dcm");
        var header = CloudFilm.Dicom.IO.DicomFileHeader.Read(file);
        var thumbprint = certificate.Thumbprint;

        await using var client = await DicomClient.ConnectAsync(new AssociationRequestOptions
        {
            Host = "127.0.0.1",
            Port = port,
            CalledAeTitle = "TLSSCP",
            PresentationContexts =
            [
                new PresentationContextRequest(DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian]),
                new PresentationContextRequest(header.SopClassUid, [header.TransferSyntaxUid]),
            ],
            Tls = new TlsClientOptions("localhost") { ValidateServerCertificate = (_, cert, _, _) => cert is X509Certificate2 c && c.Thumbprint == thumbprint },
        }, CancellationToken.None);
        (await client.EchoAsync()).Should().Be(DimseStatus.Success);
        await using (var data = CloudFilm.Dicom.IO.DicomFileHeader.OpenDataSet(file, header.DataSetOffset))
        {
            (await client.StoreAsync(header.SopClassUid, header.SopInstanceUid, header.TransferSyntaxUid, data)).Status.Should().Be(DimseStatus.Success, storescp.Output);
        }

        await client.ReleaseAsync();
        Directory.GetFiles(received).Should().ContainSingle();
    }
}
