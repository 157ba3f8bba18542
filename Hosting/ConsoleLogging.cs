using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudFilm.Hosting;

public static class ConsoleLogging
{
    /// <summary>One line per log entry with a millisecond timestamp: what the launcher's log files hold.</summary>
    public static IHostApplicationBuilder UseCloudFilmConsoleLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders().AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        return builder;
    }
}
