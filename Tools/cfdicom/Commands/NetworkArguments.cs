using System.Globalization;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Network;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Identifiers;
using CloudFilm.Dicom.Network.Pdus;

namespace CloudFilm.Tools.CfDicom.Commands;

/// <summary>
/// Options the network subcommands share, in the spirit of dcmtk's tools: <c>-aet</c> calling AE title,
/// <c>-aec</c> called AE title, <c>-k gggg,eeee=value</c> query keys, <c>--tls</c>, <c>--user NAME --password PW</c>,
/// <c>-v</c> verbose; then positional arguments (host, port, files).
/// </summary>
internal sealed class NetworkArguments
{
    public string CallingAe { get; private set; } = "CFDICOM";

    public string CalledAe { get; private set; } = "ANY-SCP";

    public string? Destination { get; private set; }

    public string? OutputFolder { get; private set; }

    /// <summary>Address the SCP listens on; loopback unless asked, like every CloudFilm listener.</summary>
    public System.Net.IPAddress Bind { get; private set; } = System.Net.IPAddress.Loopback;

    public int Parallel { get; private set; } = 1;

    public int MaxAssociations { get; private set; } = 64;

    public uint MaxPdu { get; private set; } = 256 * 1024;

    public bool Tls { get; private set; }

    public string? Certificate { get; private set; }

    public string? User { get; private set; }

    public string? Password { get; private set; }

    public bool Verbose { get; private set; }

    public bool PatientRoot { get; private set; }

    public List<(DicomTag Tag, string Value)> Keys { get; } = [];

    public List<string> Positional { get; } = [];

    public List<string> MoveDestinations { get; } = [];

    public static NetworkArguments Parse(string[] args)
    {
        var parsed = new NetworkArguments();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new DicomException($"option {args[i]} needs a value");
            switch (args[i])
            {
                case "-aet": parsed.CallingAe = Next(); break;
                case "-aec": parsed.CalledAe = Next(); break;
                case "-dest": parsed.Destination = Next(); break;
                case "-od": parsed.OutputFolder = Next(); break;
                case "--bind": parsed.Bind = System.Net.IPAddress.Parse(Next()); break;
                case "-j": parsed.Parallel = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--max-associations": parsed.MaxAssociations = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--max-pdu": parsed.MaxPdu = uint.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--tls": parsed.Tls = true; break;
                case "--cert": parsed.Certificate = Next(); break;
                case "--user": parsed.User = Next(); break;
                case "--password": parsed.Password = Next(); break;
                case "--move-destination": parsed.MoveDestinations.Add(Next()); break;
                case "-P": parsed.PatientRoot = true; break;
                case "-S": parsed.PatientRoot = false; break;
                case "-v": parsed.Verbose = true; break;
                case "-k": parsed.Keys.Add(ParseKey(Next())); break;
                default: parsed.Positional.Add(args[i]); break;
            }
        }

        return parsed;
    }

    private static (DicomTag, string) ParseKey(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var tagText = equals < 0 ? text : text[..equals];
        var parts = tagText.Split(',');
        if (parts.Length != 2
            || !ushort.TryParse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var group)
            || !ushort.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var element))
        {
            throw new DicomException($"key '{text}' is not gggg,eeee[=value]");
        }

        return (new DicomTag(group, element), equals < 0 ? "" : text[(equals + 1)..]);
    }

    public IDicomNetworkLog Log => new TextWriterNetworkLog(Console.Error, Verbose ? NetworkLogLevel.Debug : NetworkLogLevel.Warning);

    public (string Host, int Port) HostAndPort()
    {
        if (Positional.Count < 2 || !int.TryParse(Positional[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw new DicomException("expected HOST PORT");
        }

        return (Positional[0], port);
    }

    public AssociationRequestOptions Request(IReadOnlyList<PresentationContextRequest> contexts)
    {
        var (host, port) = HostAndPort();
        return new AssociationRequestOptions
        {
            Host = host,
            Port = port,
            CallingAeTitle = CallingAe,
            CalledAeTitle = CalledAe,
            MaxPduLength = MaxPdu,
            PresentationContexts = contexts,
            Log = Log,
            UserIdentity = User is null ? null
                : Password is null ? new UserIdentity(UserIdentityType.Username, false, System.Text.Encoding.UTF8.GetBytes(User), ReadOnlyMemory<byte>.Empty)
                : UserIdentity.FromUsernameAndPasscode(User, Password),
            Tls = Tls ? new TlsClientOptions(host) { ValidateServerCertificate = (_, _, _, _) => true } : null,
        };
    }

    /// <summary>The query identifier from <c>-k</c> keys, in implicit VR little endian.</summary>
    public byte[] Identifier()
    {
        var builder = new IdentifierBuilder();
        foreach (var (tag, value) in Keys)
        {
            builder.Add(tag, value);
        }

        return builder.ToImplicitLittleEndian();
    }

    public string Model(string patientRoot, string studyRoot) => PatientRoot ? patientRoot : studyRoot;
}
