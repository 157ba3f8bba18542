using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudFilm.Archive;

public static class ArchiveOptionsSetup
{
    /// <summary>Binds section <c>Archive</c> to <see cref="ArchiveOptions"/>, validated at start-up; every host reading the archive calls it.</summary>
    public static OptionsBuilder<ArchiveOptions> AddArchiveOptions(this IServiceCollection services) =>
        services.AddOptions<ArchiveOptions>().BindConfiguration(ArchiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
}
