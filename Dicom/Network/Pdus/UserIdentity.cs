namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>User Identity Type of the user identity negotiation (PS3.7 D.3.3.7.1).</summary>
public enum UserIdentityType : byte
{
    Username = 1,
    UsernameAndPasscode = 2,
    Kerberos = 3,
    Saml = 4,
    Jwt = 5,
}

/// <summary>
/// User Identity sub-item of A-ASSOCIATE-RQ (PS3.7 D.3.3.7.1). Fields stay bytes because Kerberos tickets and SAML
/// assertions are binary; <see cref="Username"/> and <see cref="Passcode"/> read them as UTF-8.
/// </summary>
public sealed record UserIdentity(
    UserIdentityType IdentityType,
    bool PositiveResponseRequested,
    ReadOnlyMemory<byte> PrimaryField,
    ReadOnlyMemory<byte> SecondaryField)
{
    public string Username => System.Text.Encoding.UTF8.GetString(PrimaryField.Span);

    public string Passcode => System.Text.Encoding.UTF8.GetString(SecondaryField.Span);

    public static UserIdentity FromUsernameAndPasscode(string username, string passcode, bool positiveResponseRequested = false) =>
        new(UserIdentityType.UsernameAndPasscode, positiveResponseRequested,
            System.Text.Encoding.UTF8.GetBytes(username), System.Text.Encoding.UTF8.GetBytes(passcode));
}
