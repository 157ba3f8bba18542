using Microsoft.Extensions.Options;

namespace CloudFilm.Api.Messaging;

/// <summary>Settings of the hospital's SMS platform (<c>Sms:Http</c>). The credentials come from the environment.</summary>
public sealed class HttpSmsOptions
{
    /// <summary>URL with <c>{phone}</c>, <c>{text}</c>, <c>{user}</c>, <c>{password}</c> placeholders (URL-encoded on use).</summary>
    public string UrlTemplate { get; set; } = "";

    /// <summary>GET or POST (POST sends the filled template's query as a form body).</summary>
    public string Method { get; set; } = "GET";

    public string User { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>Text the platform's answer must contain for the message to count as accepted (empty: any 2xx).</summary>
    public string SuccessMarker { get; set; } = "";
}

/// <summary>Sends through an HTTP SMS platform configured by URL template and credentials.</summary>
public sealed class HttpSmsGateway(HttpClient http, IOptions<HttpSmsOptions> options, ILogger<HttpSmsGateway> logger) : ISmsGateway
{
    public string Name => "http";

    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var url = Fill(o.UrlTemplate, message, o);
        using var request = o.Method.Equals("POST", StringComparison.OrdinalIgnoreCase)
            ? new HttpRequestMessage(HttpMethod.Post, url.Split('?')[0])
            {
                Content = new StringContent(url.Contains('?') ? url[(url.IndexOf('?') + 1)..] : "", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
            }
            : new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || (o.SuccessMarker.Length > 0 && !body.Contains(o.SuccessMarker, StringComparison.Ordinal)))
        {
            logger.LogWarning("SMS platform refused a message to {Phone}: HTTP {Status}", PhoneMask.Mask(message.Phone), (int)response.StatusCode);
            throw new SmsNotSentException($"the SMS platform answered HTTP {(int)response.StatusCode}");
        }
        logger.LogInformation("SMS ({Purpose}) to {Phone} accepted by the platform", message.Purpose, PhoneMask.Mask(message.Phone));
    }

    public static string Fill(string template, SmsMessage message, HttpSmsOptions o) => template
        .Replace("{phone}", Uri.EscapeDataString(message.Phone), StringComparison.Ordinal)
        .Replace("{text}", Uri.EscapeDataString(message.Body), StringComparison.Ordinal)
        .Replace("{user}", Uri.EscapeDataString(o.User), StringComparison.Ordinal)
        .Replace("{password}", Uri.EscapeDataString(o.Password), StringComparison.Ordinal);
}

public sealed class SmsNotSentException(string message) : Exception(message);
