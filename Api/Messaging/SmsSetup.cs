namespace CloudFilm.Api.Messaging;

public static class SmsSetup
{
    /// <summary><c>Sms:Gateway</c> = <c>outbox</c> (development, the default) or <c>http</c> (the hospital's platform).</summary>
    public static IServiceCollection AddCloudFilmSms(this IServiceCollection services, IConfiguration configuration)
    {
        var gateway = configuration["Sms:Gateway"] ?? "outbox";
        switch (gateway)
        {
            case "outbox":
                services.AddSingleton<ISmsGateway, OutboxSmsGateway>();
                break;
            case "http":
                services.AddOptions<HttpSmsOptions>().BindConfiguration("Sms:Http")
                    .Validate(o => Uri.TryCreate(o.UrlTemplate.Replace("{", "").Replace("}", ""), UriKind.Absolute, out _), "Sms:Http:UrlTemplate must be an absolute URL")
                    .ValidateOnStart();
                services.AddHttpClient<ISmsGateway, HttpSmsGateway>(c => c.Timeout = TimeSpan.FromSeconds(10));
                break;
            default:
                throw new InvalidOperationException($"Sms:Gateway must be outbox or http, not '{gateway}'");
        }
        services.AddSingleton<SmsThrottle>();
        return services;
    }
}
