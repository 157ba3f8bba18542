namespace CloudFilm.Benchmarks;

/// <summary>
/// The team's shared benchmark scripts (series generator, baselines) live in <c>shared/bench/</c> beside the
/// repository; <c>CLOUDFILM_SHARED</c> names that folder when it is elsewhere. The launcher sets it.
/// </summary>
public static class SharedBench
{
    public static string Script(string name)
    {
        var shared = Environment.GetEnvironmentVariable("CLOUDFILM_SHARED") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot(), "..", "shared");
        var path = Path.GetFullPath(Path.Combine(shared, "bench", name));
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"the shared benchmark script {name} is not at {path}: set CLOUDFILM_SHARED to the shared folder");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudFilm.sln")))
            {
                return dir.FullName;
            }
        }
        return Environment.CurrentDirectory;
    }
}
