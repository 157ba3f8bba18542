namespace CloudFilm.Benchmarks.Commands;

/// <summary>One benchmark subcommand: prints its results as JSON on stdout and returns the exit code.</summary>
internal interface IBenchmarkCommand
{
    string Summary { get; }

    Task<int> RunAsync(string[] args);
}
