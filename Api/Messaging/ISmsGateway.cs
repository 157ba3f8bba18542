namespace CloudFilm.Api.Messaging;

/// <summary>Sends a text message. Implementations: the hospital's HTTP SMS platform, or the development outbox.</summary>
public interface ISmsGateway
{
    string Name { get; }

    Task SendAsync(SmsMessage message, CancellationToken cancellationToken);
}

/// <summary>One text message. <see cref="Purpose"/> says why (verification, notification), for the record.</summary>
public sealed record SmsMessage(string Phone, string Body, string Purpose);

/// <summary>Phone numbers in logs and pages: the first 3 and last 4 digits only (138****8000).</summary>
public static class PhoneMask
{
    public static string Mask(string phone)
    {
        var p = phone.Trim();
        return p.Length <= 7 ? new string('*', p.Length) : p[..3] + new string('*', p.Length - 7) + p[^4..];
    }
}
