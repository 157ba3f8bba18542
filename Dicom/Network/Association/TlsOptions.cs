using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CloudFilm.Dicom.Network.Association;

/// <summary>TLS for an acceptor (PS3.15 B.1 secure transport): the certificate it presents, and whether it demands one back.</summary>
public sealed record TlsServerOptions(X509Certificate2 Certificate, bool RequireClientCertificate = false)
{
    /// <summary>Checks a client certificate when one is required; null accepts what the platform accepts.</summary>
    public RemoteCertificateValidationCallback? ValidateClientCertificate { get; init; }
}

/// <summary>TLS for a requestor: the name expected in the server certificate and an optional validation override.</summary>
public sealed record TlsClientOptions(string TargetHost)
{
    /// <summary>Custom server certificate validation (e.g. pinning a private CA); null uses the platform's trust store.</summary>
    public RemoteCertificateValidationCallback? ValidateServerCertificate { get; init; }

    public X509Certificate2Collection? ClientCertificates { get; init; }
}
